// Secrets: metadata only. A value is typed into a password field that React does not
// control (so it never becomes an attribute in the DOM), sent once, and the field is
// emptied; the API never returns it.
import { useRef, useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { orNull, useAction } from "./common";
import { ListTable } from "../../components/ListTable";

interface Secret {
  id: string;
  name: string;
  kind: string;
  last4: string;
  hosts: string[];
  header: string | null;
  param: string | null;
  description: string | null;
  confirm: string | null;
  version: number;
  updated_at: string;
}

const KINDS = ["generic", "bearer", "api_key_header", "basic", "query"];

function takeValue(ref: React.RefObject<HTMLInputElement | null>): string {
  const value = ref.current?.value ?? "";
  if (ref.current) ref.current.value = "";
  return value;
}

export function Secrets() {
  const { can } = useSession();
  const secrets = useApi((signal) => api.get<Page<Secret>>("/secrets", { size: 100 }, signal), []);
  const [rotating, setRotating] = useState<string | null>(null);
  const action = useAction();
  const writable = can("secrets:write");

  async function remove(secret: Secret) {
    if (await action.run(() => api.delete(`/secrets/${secret.name}`))) await secrets.reload();
  }

  return (
    <div className="stack">
      <p className="muted">
        Values are encrypted at rest and never shown again, here or through the API; flows and agents use them by
        name (<code>secrets.&lt;name&gt;</code>).
      </p>
      <ErrorBox error={secrets.error} />
      <ErrorBox error={action.error} />
      {secrets.data && (
        <ListTable headers={["Name", "Kind", "Ends in", "Hosts", "Confirm", "Updated", ""]} count={secrets.data.data.length} empty={<>No secrets yet.</>}>
          {secrets.data.data.map((secret) => (
            <tr key={secret.id}>
              <td>
                <code>{secret.name}</code>
                {secret.description && <div className="muted">{secret.description}</div>}
              </td>
              <td>
                {secret.kind}
                {secret.header && <div className="muted">{secret.header}</div>}
                {secret.param && <div className="muted">?{secret.param}</div>}
              </td>
              <td className="mono">{secret.last4 ? `…${secret.last4}` : "—"}</td>
              <td>{secret.hosts.join(", ") || "anywhere (generic)"}</td>
              <td>{secret.confirm ?? "—"}</td>
              <td>
                {when(secret.updated_at)} (v{secret.version})
              </td>
              <td>
                {writable && (
                  <div className="row">
                    <button type="button" aria-label={`Rotate ${secret.name}`} onClick={() => setRotating(secret.name)}>
                      Rotate…
                    </button>
                    <button type="button" className="danger" aria-label={`Delete ${secret.name}`} onClick={() => void remove(secret)}>
                      Delete
                    </button>
                  </div>
                )}
                {rotating === secret.name && (
                  <Rotate
                    secret={secret}
                    onDone={() => {
                      setRotating(null);
                      void secrets.reload();
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {writable && <NewSecret onCreated={() => void secrets.reload()} />}
    </div>
  );
}

function Rotate({ secret, onDone }: { secret: Secret; onDone: () => void }) {
  const valueRef = useRef<HTMLInputElement>(null);
  const action = useAction();
  const id = `rotate-${secret.id}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = takeValue(valueRef);
    if (await action.run(() => api.put(`/secrets/${secret.name}`, { value, expected_version: secret.version }))) onDone();
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={`Rotate ${secret.name}`}>
      <label htmlFor={id}>New value of {secret.name}</label>
      <input id={id} ref={valueRef} type="password" autoComplete="new-password" required />
      <FieldError error={action.error} field="value" />
      <ErrorBox error={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          Save new value
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NewSecret({ onCreated }: { onCreated: () => void }) {
  const valueRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [kind, setKind] = useState("generic");
  const [hosts, setHosts] = useState("");
  const [header, setHeader] = useState("");
  const [param, setParam] = useState("");
  const [description, setDescription] = useState("");
  const [confirm, setConfirm] = useState("");
  const action = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = takeValue(valueRef);
    const body = {
      name,
      kind,
      value,
      hosts: hosts
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
      header: kind === "api_key_header" ? orNull(header) : undefined,
      param: kind === "query" ? orNull(param) : undefined,
      description: orNull(description) ?? undefined,
      confirm: orNull(confirm),
    };
    if (await action.run(() => api.post("/secrets", body))) {
      setName("");
      setHosts("");
      setDescription("");
      onCreated();
    }
  }

  return (
    <form className="form-grid panel" onSubmit={submit} aria-label="New secret">
      <h2 className="full">New secret</h2>
      <label htmlFor="secret-name">Name</label>
      <div className="stack">
        <input id="secret-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <FieldError error={action.error} field="name" />
      </div>
      <label htmlFor="secret-kind">Kind</label>
      <div className="stack">
        <select id="secret-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <FieldError error={action.error} field="kind" />
      </div>
      <label htmlFor="secret-value">Value</label>
      <div className="stack">
        <input id="secret-value" ref={valueRef} type="password" autoComplete="new-password" required />
        <FieldError error={action.error} field="value" />
      </div>
      <label htmlFor="secret-hosts">Hosts (comma-separated)</label>
      <div className="stack">
        <input
          id="secret-hosts"
          value={hosts}
          onChange={(e) => setHosts(e.target.value)}
          placeholder={kind === "generic" ? "optional" : "api.example.com, *.example.org"}
        />
        <FieldError error={action.error} field="hosts" />
      </div>
      {kind === "api_key_header" && (
        <>
          <label htmlFor="secret-header">Header</label>
          <div className="stack">
            <input id="secret-header" value={header} onChange={(e) => setHeader(e.target.value)} placeholder="X-API-Key" />
            <FieldError error={action.error} field="header" />
          </div>
        </>
      )}
      {kind === "query" && (
        <>
          <label htmlFor="secret-param">Query parameter</label>
          <div className="stack">
            <input id="secret-param" value={param} onChange={(e) => setParam(e.target.value)} />
            <FieldError error={action.error} field="param" />
          </div>
        </>
      )}
      <label htmlFor="secret-description">Description</label>
      <input id="secret-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      <label htmlFor="secret-confirm">People confirm requests</label>
      <div className="stack">
        <select id="secret-confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)}>
          <option value="">no opinion (the node decides)</option>
          <option value="never">never</option>
          <option value="writes">writes</option>
          <option value="always">always</option>
        </select>
        <FieldError error={action.error} field="confirm" />
      </div>
      <div className="full">
        <ErrorBox error={action.error} title="Not created" />
        <button type="submit" className="primary" disabled={action.busy}>
          Create secret
        </button>
      </div>
    </form>
  );
}
