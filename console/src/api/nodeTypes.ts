// The node types a server has are fixed while it runs: fetched once per page load and
// shared by the editor and the run page (a failed fetch is not kept, so it is retried).
import { api, type Page } from "./client";
import type { NodeType } from "./types";

let cached: Promise<NodeType[]> | null = null;

export function nodeTypes(): Promise<NodeType[]> {
  if (!cached) {
    cached = api.get<Page<NodeType>>("/node-types", { size: 100 }).then((page) => page.data);
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}
