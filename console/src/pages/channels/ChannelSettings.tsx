import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { Envelope } from "../../api/types";
import { CodeField } from "../../code/CodeField";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { pretty } from "../../components/format";
import { useSession } from "../../session";
import { OnMessagePicker, onMessageBody, parseObject } from "./ChannelsPage";
import type { Channel } from "./types";

/** Change a channel (everything but its kind), at the version read. */
export function ChannelSettings({ channel, onSaved }: { channel: Channel; onSaved: (c: Channel) => void }) {
  const { can } = useSession();
  const [name, setName] = useState(channel.name);
  const [status, setStatus] = useState(channel.status);
  const initial = channel.on_message?.flow_id
    ? `flow:${channel.on_message.flow_id}`
    : channel.on_message?.agent_id
      ? `agent:${channel.on_message.agent_id}`
      : "";
  const [onMessage, setOnMessage] = useState(initial);
  const [config, setConfig] = useState(pretty(channel.config));
  const [credentials, setCredentials] = useState(pretty(channel.credentials));
  const [limits, setLimits] = useState(pretty(channel.limits));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const answer = await api.put<Envelope<Channel>>(`/channels/${channel.id}`, {
        name,
        kind: channel.kind,
        status,
        on_message: onMessageBody(onMessage),
        config: parseObject(config, "config"),
        credentials: parseObject(credentials, "credentials"),
        limits: parseObject(limits, "limits"),
        expected_version: channel.version,
      });
      onSaved(answer.data);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <form className="form-grid panel" onSubmit={submit} aria-label="Channel settings">
      <span className="label-like">Inbound URL</span>
      <code>{channel.inbound_url}</code>
      <label htmlFor="channel-edit-name">Name</label>
      <div className="stack">
        <input id="channel-edit-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <FieldError error={error} field="name" />
      </div>
      <label htmlFor="channel-status">Status</label>
      <select id="channel-status" value={status} onChange={(e) => setStatus(e.target.value as Channel["status"])}>
        <option value="active">active</option>
        <option value="disabled">disabled</option>
      </select>
      <label htmlFor="channel-on-message">Messages start</label>
      <OnMessagePicker value={onMessage} onChange={setOnMessage} error={error} />
      <span className="label-like">Config (JSON)</span>
      <div className="stack">
        <CodeField label="Config (JSON)" language="json" value={config} onChange={setConfig} minLines={3} />
        <FieldError error={error} field="config" />
      </div>
      <span className="label-like">Credentials (role → secret name)</span>
      <div className="stack">
        <CodeField label="Credentials (JSON)" language="json" value={credentials} onChange={setCredentials} minLines={2} />
        <FieldError error={error} field="credentials" />
      </div>
      <span className="label-like">Sending limits (JSON)</span>
      <div className="stack">
        <CodeField label="Sending limits (JSON)" language="json" value={limits} onChange={setLimits} minLines={4} />
        <FieldError error={error} field="limits" />
      </div>
      {can("channels:write") && (
        <div className="full">
          <ErrorBox error={error} title="Not saved" />
          <button type="submit" className="primary">
            Save channel
          </button>
          {saved && (
            <span role="status" className="muted">
              {" "}
              Saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}
