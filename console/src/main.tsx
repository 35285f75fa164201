import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { Shell } from "./components/Shell";
import { NotFound } from "./components/NotFound";
import { SessionProvider } from "./session";
import type { PageModule } from "./pages/types";
import "./styles.css";

// Every page folder's route.ts, found at build time; the pages themselves load lazily.
const pages = Object.values(
  import.meta.glob<PageModule>("./pages/*/route.ts", { eager: true, import: "default" }),
);

const router = createBrowserRouter([
  ...pages.filter((page) => page.public).flatMap((page) => page.routes),
  {
    path: "/",
    element: <Shell pages={pages} />,
    children: [
      { index: true, element: <Navigate to="/flows" replace /> },
      ...pages.filter((page) => !page.public).flatMap((page) => page.routes),
      { path: "*", element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
