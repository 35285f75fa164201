import type { PageModule } from "../types";

const page: PageModule = {
  nav: { label: "Flows", to: "/flows", order: 10 },
  routes: [
    { path: "flows", lazy: async () => ({ Component: (await import("./FlowsPage")).FlowsPage }) },
  ],
};
export default page;
