import { useEffect } from "react";
import { useApi } from "./useApi";

/**
 * useApi, loaded again every `everyMs` while the tab is visible: for lists the API has
 * no live stream for. A failed refresh keeps the last data and sets `error`, so the page
 * says the view is stale instead of silently showing old figures.
 */
export function usePolled<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], everyMs = 5000) {
  const result = useApi(load, deps);
  const { reload } = result;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, everyMs);
    return () => clearInterval(timer);
  }, [reload, everyMs]);
  return result;
}
