import type { RouteObject } from "react-router";

/**
 * What a page folder exports from its `route.ts`: its routes (lazy, so its code loads
 * only when opened) and, once it is built, its place in the navigation. The shell
 * finds every `pages/<name>/route.ts` by itself: adding a page touches no shared file.
 */
export interface PageModule {
  routes: RouteObject[];
  nav?: { label: string; to: string; order: number };
  /** Pages outside the signed-in shell (sign in). */
  public?: boolean;
}
