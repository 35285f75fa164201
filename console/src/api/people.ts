// The shapes the people pages read (docs/agents.md, tools.md, models.md, usage.md,
// conversations.md, auth.md, groups.md, kv.md, secrets.md, schedules.md).

export type ToolPolicy = "never" | "always" | "mutating";
export const POLICIES: ToolPolicy[] = ["never", "always", "mutating"];
export const BUILTIN_TOOLS = ["kv_get", "kv_set", "current_time", "ask_user"] as const;

export interface AgentConfig {
  model: string | null;
  instructions: string;
  temperature: number | null;
  max_steps: number;
  tools: string[];
  approval: Record<string, ToolPolicy>;
  budget: { monthly_limit_usd: number | null };
}

export interface Agent {
  id: string;
  name: string;
  description: string;
  parent_id: string | null;
  config: AgentConfig;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgentConfigRead extends AgentConfig {
  agent_id: string;
  effective_model: string;
  version: number;
}

export interface Model {
  id: string;
  provider: string;
  context_window: number | null;
  supports_tools: boolean;
  supports_streaming: boolean;
  input_price_per_million: number | null;
  output_price_per_million: number | null;
  available: boolean;
  default: boolean;
}

export interface Tool {
  id: string | null;
  agent_id: string;
  name: string;
  kind: "builtin" | "http" | "flow" | "agent";
  description: string;
  parameters: Record<string, unknown>;
  config: Record<string, unknown>;
  approval: ToolPolicy;
  approval_is_default: boolean;
  persisted: boolean;
}

export interface AgentUsage {
  agent_id: string;
  time_range: { start: string; end: string };
  usage: { total_credits_used: number; daily_breakdown: { date: string; credits_used: number }[] };
  note?: string;
}

export interface Conversation {
  id: string;
  agent_id: string | null;
  title: string | null;
  busy?: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TimelineItem {
  type: "message" | "tool_call" | "approval" | "question";
  seq: number;
  at: string;
  run_id: string | null;
  message?: {
    id: string;
    role: string;
    content: string | null;
    kind?: string | null;
    model?: string | null;
    input_tokens?: number | null;
    output_tokens?: number | null;
    cost?: number | null;
    duration_ms?: number | null;
  };
  id?: string;
  tool?: string;
  arguments?: unknown;
  status?: string;
  outcome?: string | null;
  result?: unknown;
  error?: unknown;
  duration_ms?: number | null;
  approval_id?: string;
  tool_call_id?: string;
  edited_arguments?: unknown;
  comment?: string | null;
  question_id?: string;
  question?: string;
  options?: string[] | null;
  answer?: unknown;
}
