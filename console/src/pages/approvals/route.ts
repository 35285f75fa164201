import type { PageModule } from "../types";

const inbox = async () => ({ Component: (await import("./ApprovalsPage")).ApprovalsPage });

const page: PageModule = {
  nav: { label: "Approvals", to: "/approvals", order: 30 },
  routes: [
    { path: "approvals", lazy: inbox },
    { path: "approvals/history", lazy: inbox },
    { path: "approvals/history/:approvalId", lazy: inbox },
    { path: "approvals/:approvalId", lazy: inbox },
  ],
};
export default page;
