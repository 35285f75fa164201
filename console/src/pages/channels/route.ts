import type { PageModule } from "../types";

const page: PageModule = {
  nav: { label: "Channels", to: "/channels", order: 60 },
  routes: [
    { path: "channels", lazy: async () => ({ Component: (await import("./ChannelsPage")).ChannelsPage }) },
    { path: "channels/:channelId", lazy: async () => ({ Component: (await import("./ChannelPage")).ChannelPage }) },
  ],
};
export default page;
