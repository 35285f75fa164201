import type { PageModule } from "../types";

const page: PageModule = {
  nav: { label: "Flows", to: "/flows", order: 10 },
  routes: [
    { path: "flows", lazy: async () => ({ Component: (await import("./FlowsPage")).FlowsPage }) },
    {
      path: "flows/:flowId",
      lazy: async () => ({ Component: (await import("./editor/EditorPage")).EditorPage }),
    },
  ],
};
export default page;
