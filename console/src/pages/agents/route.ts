import type { PageModule } from "../types";

const page: PageModule = {
  nav: { label: "Agents", to: "/agents", order: 40 },
  routes: [
    { path: "agents", lazy: async () => ({ Component: (await import("./AgentsPage")).AgentsPage }) },
    { path: "agents/:agentId", lazy: async () => ({ Component: (await import("./AgentPage")).AgentPage }) },
  ],
};
export default page;
