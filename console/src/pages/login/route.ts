import type { PageModule } from "../types";

const page: PageModule = {
  public: true,
  routes: [{ path: "/login", lazy: async () => ({ Component: (await import("./LoginPage")).LoginPage }) }],
};
export default page;
