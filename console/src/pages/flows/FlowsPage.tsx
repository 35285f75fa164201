import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { parse as parseYaml } from "yaml";
import { api, ApiError, type Page } from "../../api/client";
import type { Envelope, Flow, FlowSummary } from "../../api/types";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { Pager } from "../../components/Pager";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";

const BLANK = {
  nodes: [{ id: "start", position: { x: 0, y: 0 }, data: { node_type: "start", config: {} } }],
  edges: [],
  conditions: [],
};

/** A flow file (docs/flows.md, `flowline deploy`): YAML or JSON, bare or as {"flow": …}. */
export function readFlowFile(name: string, text: string): unknown {
  let body: unknown;
  try {
    body = /\.json$/i.test(name) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ApiError(0, "BAD_FILE", `${name} cannot be read: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new ApiError(0, "BAD_FILE", `${name} must hold one flow (an object with a name).`);
  return body;
}

export function FlowsPage() {
  const navigate = useNavigate();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = params.get("status") ?? "";
  const page = Number(params.get("page") ?? 0);
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const [importError, setImportError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const flows = useApi(
    (signal) => api.get<Page<FlowSummary>>("/flows", { q, status, page, size: 25 }, signal),
    [q, status, page],
  );

  // Search as one types, a moment after the last key.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => update({ q: search, page: "" }), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setImportError(null);
    try {
      const body = readFlowFile(file.name, await file.text());
      const created = await api.post<Envelope<Flow>>("/flows", body);
      navigate(`/flows/${created.data.id}`);
    } catch (error) {
      setImportError(error);
    }
  }

  return (
    <section>
      <h1>Flows</h1>
      <div className="toolbar">
        <label htmlFor="flows-search">Search</label>
        <input
          id="flows-search"
          type="search"
          placeholder="Name contains…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label htmlFor="flows-status">Status</label>
        <select id="flows-status" value={status} onChange={(e) => update({ status: e.target.value, page: "" })}>
          <option value="">any</option>
          <option value="active">active</option>
          <option value="inactive">inactive</option>
          <option value="draft">draft</option>
        </select>
        <span className="spacer" />
        {can("flows:write") && (
          <>
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              New flow
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              Import file…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".yaml,.yml,.json"
              aria-label="Flow file (YAML or JSON)"
              hidden
              onChange={importFile}
            />
          </>
        )}
      </div>
      <ErrorBox error={importError} title="Import failed" />
      <ErrorBox error={flows.error} />
      {creating && <NewFlowDialog onClose={() => setCreating(false)} />}
      {flows.data && (
        <>
          <table className="list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Version</th>
                <th>Runs</th>
                <th>Last run</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {flows.data.data.map((flow) => (
                <tr key={flow.id}>
                  <td>
                    <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                    {flow.description && <div className="muted">{flow.description}</div>}
                  </td>
                  <td>
                    <span className={`badge ${flow.status}`}>{flow.status}</span>
                  </td>
                  <td>{flow.version}</td>
                  <td>
                    <Link to={`/runs?flow_id=${flow.id}`}>{flow.execution_count}</Link>
                  </td>
                  <td>{when(flow.last_executed_at)}</td>
                  <td>{when(flow.updated_at)}</td>
                </tr>
              ))}
              {flows.data.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No flows{q || status ? " match" : " yet"}.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager
            page={flows.data.page}
            pages={flows.data.pages}
            total={flows.data.total}
            onPage={(p) => update({ page: p ? String(p) : "" })}
          />
        </>
      )}
    </section>
  );
}

function NewFlowDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const created = await api.post<Envelope<Flow>>("/flows", {
        name,
        description,
        status: "draft",
        definition: BLANK,
      });
      navigate(`/flows/${created.data.id}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="new-flow-title">
      <form className="stack" onSubmit={submit}>
        <h2 id="new-flow-title">New flow</h2>
        <label htmlFor="new-flow-name">Name</label>
        <input id="new-flow-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        <FieldError error={error} field="name" />
        <label htmlFor="new-flow-description">Description</label>
        <input id="new-flow-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        {error instanceof ApiError && error.details.length === 0 && <ErrorBox error={error} />}
        {error !== null && !(error instanceof ApiError) && <ErrorBox error={error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Create and edit
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
