import { useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import type { Envelope } from "../../api/types";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { useApi } from "../../components/useApi";
import { ShownOnce, useAction } from "./common";
import { ListTable } from "../../components/ListTable";

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  user_id: string;
  scopes: string[] | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** API keys: made for yourself, shown once at creation, revoked at once. */
export function ApiKeys() {
  const keys = useApi((signal) => api.get<Page<ApiKey>>("/auth/api-keys", { size: 100 }, signal), []);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState("");
  const [expires, setExpires] = useState("");
  const [made, setMade] = useState<{ name: string; key: string } | null>(null);
  const action = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    const narrowed = scopes
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    await action.run(async () => {
      const answer = await api.post<Envelope<ApiKey & { key: string }>>("/auth/api-keys", {
        name,
        scopes: narrowed.length ? narrowed : undefined,
        expires_at: expires ? new Date(expires).toISOString() : undefined,
      });
      setMade({ name: answer.data.name, key: answer.data.key });
      setName("");
      setScopes("");
      setExpires("");
      await keys.reload();
    });
  }

  async function revoke(key: ApiKey) {
    if (await action.run(() => api.delete(`/auth/api-keys/${key.id}`))) await keys.reload();
  }

  return (
    <div className="stack">
      {made && <ShownOnce label={`API key ${made.name}`} value={made.key} onDone={() => setMade(null)} />}
      <ErrorBox error={keys.error} />
      {keys.data && (
        <ListTable headers={["Name", "Starts with", "Scopes", "Last used", "Expires", ""]}>
          {keys.data.data.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td className="mono">{key.prefix}…</td>
              <td>{key.scopes?.join(", ") ?? "its user's role"}</td>
              <td>{when(key.last_used_at)}</td>
              <td>{when(key.expires_at)}</td>
              <td>
                {key.revoked_at ? (
                  <span className="badge cancelled">revoked</span>
                ) : (
                  <button type="button" className="danger" aria-label={`Revoke ${key.name}`} onClick={() => void revoke(key)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <form className="form-grid panel" onSubmit={create} aria-label="New API key">
        <h2 className="full">New API key (for yourself)</h2>
        <label htmlFor="key-name">Name</label>
        <div className="stack">
          <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} required />
          <FieldError error={action.error} field="name" />
        </div>
        <label htmlFor="key-scopes">Scopes</label>
        <div className="stack">
          <input
            id="key-scopes"
            value={scopes}
            onChange={(e) => setScopes(e.target.value)}
            placeholder="empty: your role's; or e.g. kv:read, runs:write"
          />
          <FieldError error={action.error} field="scopes" />
        </div>
        <label htmlFor="key-expires">Expires</label>
        <div className="stack">
          <input id="key-expires" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
          <FieldError error={action.error} field="expires_at" />
        </div>
        <div className="full">
          <ErrorBox error={action.error} title="Not done" />
          <button type="submit" className="primary" disabled={action.busy}>
            Create key
          </button>
        </div>
      </form>
    </div>
  );
}
