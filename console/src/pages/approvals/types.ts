// What the approvals API answers (docs/approvals.md, docs/confirmation.md).
export type ApprovalStatus = "pending" | "approved" | "denied" | "expired" | "cancelled";

export interface Approval {
  id: string;
  kind: "flow" | "tool";
  status: ApprovalStatus;
  title: string;
  description: string | null;
  run_id: string | null;
  step_id: string | null;
  node_id: string | null;
  flow_id: string | null;
  tool_id: string | null;
  assignees: string[];
  group_id: string | null;
  payload: unknown;
  payload_schema: Record<string, unknown> | null;
  arguments: unknown;
  on_timeout: string;
  comment: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  expires_at: string | null;
  created_at: string;
}

/** The request an outbound confirmation shows: exactly what will be sent, secrets as ***. */
export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  json: unknown;
  body: unknown;
  credential: string | null;
  request_hash: string;
}

export function asOutboundRequest(payload: unknown): OutboundRequest | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  return typeof p.method === "string" && typeof p.url === "string" && typeof p.request_hash === "string"
    ? (p as unknown as OutboundRequest)
    : null;
}

type Scalar = string | number | boolean | null;

/** A payload a plain form can edit: an object whose values are all text, numbers, yes/no. */
export function flatFields(payload: unknown): Record<string, Scalar> | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const entries = Object.entries(payload as Record<string, unknown>);
  if (entries.length === 0) return null;
  for (const [, value] of entries) {
    if (value !== null && typeof value === "object") return null;
  }
  return payload as Record<string, Scalar>;
}
