import { useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api } from "../../api/client";
import { followStream, type StreamState } from "../../api/sse";
import type { Envelope } from "../../api/types";
import { ErrorBox } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { ListTable } from "../../components/ListTable";
import { StreamStatus } from "../../components/StreamStatus";
import { useApi } from "../../components/useApi";
import { ChannelSettings } from "./ChannelSettings";
import { SandboxPhone } from "./SandboxPhone";
import { MESSAGE_EVENTS, messageText, upsert, type Channel, type ChannelMessage } from "./types";
import "../people.css";

const SHOWN = 100;

export function ChannelPage() {
  const { channelId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const channel = useApi((signal) => api.get<Envelope<Channel>>(`/channels/${channelId}`, undefined, signal), [channelId]);
  const [messages, setMessages] = useState<ChannelMessage[]>([]);
  const [state, setState] = useState<StreamState | null>(null);
  const [streamKey, setStreamKey] = useState(0);

  // The channel's stream, from its first event: every message with its latest status.
  useEffect(() => {
    setMessages([]);
    return followStream(
      `/channels/${channelId}/stream`,
      MESSAGE_EVENTS,
      (event) => {
        // An event's data holds the message as GET messages/{id} shows it.
        const inner = (event.data.data ?? event.data) as { message?: ChannelMessage };
        const message = inner.message;
        if (message && typeof message.id === "string" && typeof message.contact_id === "string") setMessages((list) => upsert(list, message));
      },
      setState,
    );
  }, [channelId, streamKey]);

  if (channel.error) return <ErrorBox error={channel.error} />;
  if (!channel.data) return <p className="loading">Loading…</p>;
  const c = channel.data.data;
  const tabs: [string, string][] = [
    ["messages", "Messages"],
    ...(c.kind === "sandbox" ? ([["phone", "Sandbox phone"]] as [string, string][]) : []),
    ["settings", "Settings"],
  ];
  const tab = params.get("tab") ?? (c.kind === "sandbox" ? "phone" : "messages");
  const newest = [...messages].reverse().slice(0, SHOWN);
  return (
    <section>
      <p>
        <Link to="/channels">Channels</Link> /
      </p>
      <div className="toolbar">
        <h1>{c.name}</h1>
        <span className="muted">
          {c.kind} · <span className={`badge ${c.status === "active" ? "active" : "inactive"}`}>{c.status}</span>
        </span>
        <span className="spacer" />
        <StreamStatus state={state} onRetry={() => setStreamKey((k) => k + 1)} />
      </div>
      <div className="tabs" role="tablist" aria-label="Channel">
        {tabs.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? "primary" : undefined}
            onClick={() => setParams({ tab: key }, { replace: true })}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel">
        {tab === "messages" && (
          <ListTable headers={["When", "Direction", "Message", "Status", "Run"]} count={newest.length} empty="No messages yet.">
            {newest.map((m) => (
              <tr key={m.id}>
                <td>{when(m.created_at)}</td>
                <td>{m.direction === "in" ? "received" : "sent"}</td>
                <td>{messageText(m)}</td>
                <td>
                  <span className={`badge ${m.status === "failed" ? "failed" : ""}`}>{m.status}</span>
                  {m.error?.message && <div className="field-error">{m.error.message}</div>}
                </td>
                <td>{m.run_id ? <Link to={`/runs/${m.run_id}`}>{m.run_id}</Link> : "—"}</td>
              </tr>
            ))}
          </ListTable>
        )}
        {tab === "phone" && <SandboxPhone channel={c} messages={messages} />}
        {tab === "settings" && <ChannelSettings channel={c} onSaved={(saved) => channel.setData({ data: saved })} />}
      </div>
    </section>
  );
}
