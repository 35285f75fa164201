// What the channels API answers (docs/channels.md).
export const KINDS = ["sandbox", "whatsapp", "sms", "email", "slack", "telegram", "webhook"];

export interface Channel {
  id: string;
  name: string;
  kind: string;
  config: Record<string, unknown>;
  credentials: Record<string, string>;
  on_message: { flow_id?: string; agent_id?: string } | null;
  status: "active" | "disabled";
  limits: Record<string, unknown>;
  inbound_url: string;
  version: number;
  created_at: string;
}

export interface ChannelMessage {
  id: string;
  channel_id: string;
  contact_id: string;
  direction: "in" | "out";
  type: string;
  body: {
    text?: string;
    buttons?: { id: string; title: string }[];
    url?: string;
    caption?: string;
    media_type?: string;
    template?: string;
    language?: string;
    [key: string]: unknown;
  };
  status: string;
  error: { code?: string; message?: string } | null;
  run_id: string | null;
  created_at: string;
}

export interface Contact {
  id: string;
  address: string;
  name: string | null;
  opted_out_at: string | null;
}

/** The event types of GET channels/{id}/stream whose data is a message. */
export const MESSAGE_EVENTS = [
  "message.queued",
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "message.received",
  "message.routed",
];

/** A message's text as a person reads it. */
export function messageText(message: ChannelMessage): string {
  const b = message.body;
  if (message.type === "template") return `[template ${b.template ?? ""} (${b.language ?? ""})]`;
  if (message.type === "media") return `[${b.media_type ?? "media"} ${b.url ?? ""}]${b.caption ? ` ${b.caption}` : ""}`;
  return typeof b.text === "string" ? b.text : `[${message.type}]`;
}

/** Keep one copy of each message (the latest status wins), oldest first. */
export function upsert(list: ChannelMessage[], message: ChannelMessage): ChannelMessage[] {
  const at = list.findIndex((m) => m.id === message.id);
  if (at >= 0) {
    const next = [...list];
    next[at] = message;
    return next;
  }
  return [...list, message].sort((a, b) => a.created_at.localeCompare(b.created_at));
}
