import { useState, type FormEvent } from "react";
import { api, ApiError, type Page } from "../../api/client";
import { CodeField } from "../../code/CodeField";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { pretty, when } from "../../components/format";
import { Pager } from "../../components/Pager";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { numberOrNull, useAction } from "./common";
import { ListTable } from "../../components/ListTable";

interface Entry {
  key: string;
  value: unknown;
  version: number;
  expires_at: string | null;
  updated_at: string;
}

/** Browse the organisation's KV store by prefix; set, edit and delete keys. */
export function Kv() {
  const { can } = useSession();
  const [prefix, setPrefix] = useState("");
  const [page, setPage] = useState(0);
  const entries = useApi((signal) => api.get<Page<Entry>>("/kv", { prefix, page, size: 25 }, signal), [prefix, page]);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [key, setKey] = useState("");
  const [value, setValue] = useState('""');
  const [ttl, setTtl] = useState("");
  const action = useAction();

  function edit(entry: Entry | null) {
    setEditing(entry);
    setKey(entry?.key ?? "");
    setValue(entry ? pretty(entry.value) : '""');
    setTtl("");
    action.setError(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const ok = await action.run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch (caught) {
        throw new ApiError(0, "BAD_JSON", "The value must be JSON (text goes in quotes).", [
          { field: "value", problem: `is not JSON: ${(caught as Error).message}` },
        ]);
      }
      await api.post("/kv", {
        key,
        value: parsed,
        ttl_seconds: numberOrNull(ttl) ?? undefined,
        expected_version: editing ? editing.version : undefined,
      });
    });
    if (ok) {
      edit(null);
      await entries.reload();
    }
  }

  async function remove(entry: Entry) {
    if (await action.run(() => api.delete(`/kv/${entry.key.split("/").map(encodeURIComponent).join("/")}`)))
      await entries.reload();
  }

  return (
    <div className="stack">
      <div className="toolbar">
        <label htmlFor="kv-prefix">Keys starting with</label>
        <input
          id="kv-prefix"
          type="search"
          value={prefix}
          onChange={(e) => {
            setPrefix(e.target.value);
            setPage(0);
          }}
        />
      </div>
      <ErrorBox error={entries.error} />
      {entries.data && (
        <>
          <ListTable headers={["Key", "Value", "Version", "Expires", ""]} count={entries.data.data.length} empty={<>No keys{prefix ? " start with that" : " yet"}.</>}>
            {entries.data.data.map((entry) => (
              <tr key={entry.key}>
                <td className="mono">{entry.key}</td>
                <td className="mono">{JSON.stringify(entry.value).slice(0, 120)}</td>
                <td>{entry.version}</td>
                <td>{when(entry.expires_at)}</td>
                <td className="row">
                  {can("kv:write") && (
                    <>
                      <button type="button" aria-label={`Edit ${entry.key}`} onClick={() => edit(entry)}>
                        Edit
                      </button>
                      <button type="button" className="danger" aria-label={`Delete ${entry.key}`} onClick={() => void remove(entry)}>
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
          <Pager page={entries.data.page} pages={entries.data.pages} total={entries.data.total} onPage={setPage} />
        </>
      )}
      {can("kv:write") && (
        <form className="form-grid panel" onSubmit={save} aria-label={editing ? `Edit ${editing.key}` : "Set a key"}>
          <h2 className="full">{editing ? `Edit ${editing.key} (version ${editing.version})` : "Set a key"}</h2>
          <label htmlFor="kv-key">Key</label>
          <div className="stack">
            <input id="kv-key" value={key} onChange={(e) => setKey(e.target.value)} readOnly={editing !== null} required />
            <FieldError error={action.error} field="key" />
          </div>
          <span className="label-like">Value (JSON)</span>
          <div className="stack">
            <CodeField label="Value (JSON)" language="json" value={value} onChange={setValue} minLines={4} />
            <FieldError error={action.error} field="value" />
          </div>
          <label htmlFor="kv-ttl">Expires after (seconds)</label>
          <div className="stack">
            <input id="kv-ttl" type="number" min="1" value={ttl} onChange={(e) => setTtl(e.target.value)} placeholder="never" />
            <FieldError error={action.error} field="ttl_seconds" />
          </div>
          <div className="full">
            <ErrorBox error={action.error} />
            <div className="row">
              <button type="submit" className="primary" disabled={action.busy}>
                Save key
              </button>
              {editing && (
                <button type="button" onClick={() => edit(null)}>
                  Cancel
                </button>
              )}
            </div>
          </div>
        </form>
      )}
    </div>
  );
}
