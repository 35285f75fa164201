import type { PageModule } from "../types";

const chat = async () => ({ Component: (await import("./ChatPage")).ChatPage });

const page: PageModule = {
  nav: { label: "Chat", to: "/chat", order: 50 },
  routes: [
    { path: "chat", lazy: chat },
    { path: "chat/:agentId", lazy: chat },
  ],
};
export default page;
