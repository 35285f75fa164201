import type { PageModule } from "../types";

const page: PageModule = {
  nav: { label: "Runs", to: "/runs", order: 20 },
  routes: [
    { path: "runs", lazy: async () => ({ Component: (await import("./RunsPage")).RunsPage }) },
    { path: "runs/:runId", lazy: async () => ({ Component: (await import("./RunPage")).RunPageWithProvider }) },
  ],
};
export default page;
