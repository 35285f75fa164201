import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api, ApiError, type Page } from "../../api/client";
import type { Agent } from "../../api/people";
import type { Envelope, FlowSummary } from "../../api/types";
import { CodeField } from "../../code/CodeField";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { ListTable } from "../../components/ListTable";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { KINDS, type Channel } from "./types";
import "../people.css";

export function ChannelsPage() {
  const { can } = useSession();
  const channels = useApi((signal) => api.get<Page<Channel>>("/channels", { size: 100 }, signal), []);
  return (
    <section>
      <h1>Channels</h1>
      <ErrorBox error={channels.error} />
      {channels.data && (
        <ListTable headers={["Channel", "Kind", "Status", "Messages start"]} count={channels.data.data.length} empty="No channels yet.">
          {channels.data.data.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/channels/${c.id}`}>{c.name}</Link>
              </td>
              <td>{c.kind}</td>
              <td>
                <span className={`badge ${c.status === "active" ? "active" : "inactive"}`}>{c.status}</span>
              </td>
              <td className="mono">{c.on_message?.flow_id ?? c.on_message?.agent_id ?? "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {can("channels:write") && <NewChannel />}
    </section>
  );
}

/** Where a message no waiting run takes goes: a flow, an agent, or nowhere. */
export function OnMessagePicker({ value, onChange, error }: { value: string; onChange: (v: string) => void; error: unknown }) {
  const flows = useApi((signal) => api.get<Page<FlowSummary>>("/flows", { size: 100 }, signal), []);
  const agents = useApi((signal) => api.get<Page<Agent>>("/agents", { size: 100 }, signal), []);
  return (
    <div className="stack">
      <select id="channel-on-message" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">nothing (stored only)</option>
        <optgroup label="Flows">
          {flows.data?.data.map((f) => (
            <option key={f.id} value={`flow:${f.id}`}>
              flow {f.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Agents">
          {agents.data?.data.map((a) => (
            <option key={a.id} value={`agent:${a.id}`}>
              agent {a.name}
            </option>
          ))}
        </optgroup>
      </select>
      <FieldError error={error} field="on_message" />
    </div>
  );
}

export function onMessageBody(value: string): Record<string, string> | null {
  if (!value) return null;
  const [kind, id] = value.split(":");
  return kind === "flow" ? { flow_id: id } : { agent_id: id };
}

export function parseObject(text: string, field: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || "{}");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  throw new ApiError(0, "BAD_JSON", `${field} must be a JSON object.`, [{ field, problem: "is not a JSON object" }]);
}

function NewChannel() {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [kind, setKind] = useState("sandbox");
  const [onMessage, setOnMessage] = useState("");
  const [config, setConfig] = useState("{}");
  const [credentials, setCredentials] = useState("{}");
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await api.post<Envelope<Channel>>("/channels", {
        name,
        kind,
        on_message: onMessageBody(onMessage),
        config: parseObject(config, "config"),
        credentials: parseObject(credentials, "credentials"),
      });
      navigate(`/channels/${created.data.id}`);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <form className="form-grid panel" onSubmit={submit} aria-label="New channel">
      <h2 className="full">New channel</h2>
      <label htmlFor="channel-name">Name</label>
      <div className="stack">
        <input id="channel-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <FieldError error={error} field="name" />
      </div>
      <label htmlFor="channel-kind">Kind</label>
      <div className="stack">
        <select id="channel-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <FieldError error={error} field="kind" />
      </div>
      <label htmlFor="channel-on-message">Messages start</label>
      <OnMessagePicker value={onMessage} onChange={setOnMessage} error={error} />
      {kind !== "sandbox" && (
        <>
          <span className="label-like">Config (JSON)</span>
          <div className="stack">
            <CodeField label="Config (JSON)" language="json" value={config} onChange={setConfig} minLines={3} />
            <FieldError error={error} field="config" />
          </div>
          <span className="label-like">Credentials (role → secret name)</span>
          <div className="stack">
            <CodeField label="Credentials (JSON)" language="json" value={credentials} onChange={setCredentials} minLines={3} />
            <FieldError error={error} field="credentials" />
          </div>
        </>
      )}
      <div className="full">
        <ErrorBox error={error} title="Not created" />
        <button type="submit" className="primary">
          Create channel
        </button>
        <span className="muted"> docs/channels.md says what each kind needs.</span>
      </div>
    </form>
  );
}
