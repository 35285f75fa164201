import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { Shell } from "./components/Shell";
import { NotFound } from "./components/NotFound";
import { SessionProvider } from "./session";
import type { PageModule } from "./pages/types";
import "./styles.css";

function Loading() {
  return <p className="loading">Loading…</p>;
}

// Every page folder's route.ts, found at build time; the pages themselves load lazily.
const pages = Object.values(
  import.meta.glob<PageModule>("./pages/*/route.ts", { eager: true, import: "default" }),
);

const router = createBrowserRouter([
  ...pages
    .filter((page) => page.public)
    .flatMap((page) => page.routes.map((route) => ({ hydrateFallbackElement: <Loading />, ...route }))),
  {
    path: "/",
    element: <Shell pages={pages} />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <Navigate to="/flows" replace /> },
      ...pages
        .filter((page) => !page.public)
        .flatMap((page) => page.routes.map((route) => ({ hydrateFallbackElement: <Loading />, ...route }))),
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
