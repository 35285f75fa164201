import { Navigate } from "react-router";
import { createElement } from "react";
import type { PageModule } from "../types";

const page: PageModule = {
  nav: { label: "Settings", to: "/settings", order: 90 },
  routes: [
    { path: "settings", element: createElement(Navigate, { to: "/settings/kv", replace: true }) },
    { path: "settings/:section", lazy: async () => ({ Component: (await import("./SettingsPage")).SettingsPage }) },
  ],
};
export default page;
