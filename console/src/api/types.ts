// The shapes the console reads from the API (docs/flows.md, docs/runs.md).

export type FlowStatus = "active" | "inactive" | "draft";

export interface Position {
  x: number;
  y: number;
  [key: string]: unknown;
}

export interface FlowNode {
  id: string;
  position?: Position | null;
  data: { node_type: string; config: Record<string, unknown> };
}

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  label?: string | null;
  condition?: string | null;
  flow_condition_id?: string | null;
}

export interface FlowDefinition {
  nodes: FlowNode[];
  edges: FlowEdge[];
  conditions: { id: string; expression: string }[];
}

export interface Problem {
  field: string;
  problem: string;
  node_id?: string | null;
  edge_id?: string | null;
}

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  status: FlowStatus;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: { id: string; name: string } | null;
  last_executed_at: string | null;
  execution_count: number;
}

export interface Flow extends FlowSummary {
  current_version_id: string;
  definition: FlowDefinition;
  problems: Problem[];
}

export interface FlowVersion {
  id: string;
  flow_id: string;
  number: number;
  created_at: string;
  created_by: { id: string; name: string } | null;
  definition: FlowDefinition;
}

export interface NodeType {
  name: string;
  description: string;
  outcomes: string[];
  pauses: boolean;
  config_schema: Record<string, unknown>;
}

export type RunStatus = "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";
export const RUN_STATUSES: RunStatus[] = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"];
export const ENDED: ReadonlySet<string> = new Set(["succeeded", "failed", "cancelled"]);

export interface RunSummary {
  id: string;
  flow_id: string;
  flow_version_id: string;
  status: RunStatus;
  trigger: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  [key: string]: unknown;
}

export interface Step {
  id: string;
  node_id: string;
  node_type: string;
  attempt: number;
  attempt_group: number;
  status: string;
  outcome: string | null;
  input: unknown;
  output: unknown;
  error: { code?: string; message?: string; [key: string]: unknown } | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface Run extends RunSummary {
  input: unknown;
  output: unknown;
  error: { code?: string; message?: string; node_id?: string; [key: string]: unknown } | null;
  vars: Record<string, unknown>;
  event_seq: number;
  steps: Step[];
}

export interface Envelope<T> {
  data: T;
}
