// The editor's dialogs: versions with a diff, run with an input, the hook URL.
import { diffLines } from "diff";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { api, type Page } from "../../../api/client";
import type { Envelope, Flow, FlowDefinition, FlowVersion, RunSummary } from "../../../api/types";
import { CodeField } from "../../../code/CodeField";
import { Dialog } from "../../../components/Dialog";
import { ErrorBox } from "../../../components/ErrorBox";
import { when } from "../../../components/format";
import { useApi } from "../../../components/useApi";

export { SchedulesDialog } from "./Schedules";

/** JSON with keys in order, so a diff shows changes, not reordering. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value), null, 2);
}

const CONTEXT = 3;

/** One part of a line diff, prefixed; long unchanged runs keep only their edges. */
function diffText(value: string, prefix: string, same: boolean, first: boolean, last: boolean): string {
  let lines = value.replace(/\n$/, "").split("\n");
  if (same && lines.length > 2 * CONTEXT + 1) {
    const head = first ? [] : lines.slice(0, CONTEXT);
    const tail = last ? [] : lines.slice(-CONTEXT);
    const hidden = lines.length - head.length - tail.length;
    lines = [...head, `… ${hidden} unchanged line${hidden === 1 ? "" : "s"} …`, ...tail];
  }
  return lines.map((line) => `${prefix}${line}\n`).join("");
}

export function VersionsDialog({
  flow,
  current,
  onClose,
  onLoad,
}: {
  flow: Flow;
  current: FlowDefinition;
  onClose: () => void;
  onLoad: (definition: FlowDefinition) => void;
}) {
  const versions = useApi(
    (signal) => api.get<Page<FlowVersion>>(`/flows/${flow.id}/versions`, { size: 100 }, signal),
    [flow.id],
  );
  const list = versions.data?.data ?? [];
  const [left, setLeft] = useState<string>("");
  const [right, setRight] = useState<string>("editor");
  const leftNumber = left || String(list[1]?.number ?? list[0]?.number ?? "");
  const pick = (key: string): FlowDefinition | undefined =>
    key === "editor" ? current : list.find((v) => String(v.number) === key)?.definition;
  const a = pick(leftNumber);
  const b = pick(right);
  const parts = useMemo(() => (a && b ? diffLines(canonical(a), canonical(b)) : []), [a, b]);
  const changed = parts.some((p) => p.added || p.removed);

  return (
    <Dialog title="Versions" onClose={onClose} wide>
      <ErrorBox error={versions.error} />
      <div className="versions">
        <table className="list">
          <thead>
            <tr>
              <th>Version</th>
              <th>Saved</th>
              <th>By</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.id}>
                <td>{v.number}</td>
                <td>{when(v.created_at)}</td>
                <td>{v.created_by?.name ?? "—"}</td>
                <td>
                  <button type="button" onClick={() => onLoad(v.definition)}>
                    Open in editor
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <label htmlFor="diff-left">Compare</label>
          <select id="diff-left" value={leftNumber} onChange={(e) => setLeft(e.target.value)}>
            {list.map((v) => (
              <option key={v.id} value={String(v.number)}>
                version {v.number}
              </option>
            ))}
          </select>
          <label htmlFor="diff-right">with</label>
          <select id="diff-right" value={right} onChange={(e) => setRight(e.target.value)}>
            <option value="editor">the editor (unsaved)</option>
            {list.map((v) => (
              <option key={v.id} value={String(v.number)}>
                version {v.number}
              </option>
            ))}
          </select>
        </div>
        <pre className="diff" aria-label="Differences">
          {!changed && <span className="muted">No differences.</span>}
          {changed &&
            parts.map((part, i) => (
              <span key={i} className={part.added ? "added" : part.removed ? "removed" : "same"}>
                {diffText(part.value, part.added ? "+ " : part.removed ? "- " : "  ", !part.added && !part.removed, i === 0, i === parts.length - 1)}
              </span>
            ))}
        </pre>
      </div>
    </Dialog>
  );
}

export function RunDialog({ flow, dirty, onClose }: { flow: Flow; dirty: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [input, setInput] = useState("{}");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (caught) {
      setError(new Error(`The input is not valid JSON: ${(caught as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      const answer = await api.post<Envelope<RunSummary>>(`/flows/${flow.id}/run`, { input: parsed });
      navigate(`/runs/${answer.data.id}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Dialog title="Run the flow" onClose={onClose}>
      <div className="stack">
        {dirty && (
          <p className="notice">
            The editor has unsaved changes: the run uses the saved version {flow.version}.
          </p>
        )}
        <label htmlFor="run-input">Input (JSON)</label>
        <CodeField id="run-input" label="Run input (JSON)" language="json" value={input} onChange={setInput} minLines={6} />
        <ErrorBox error={error} title="Not started" />
        <div className="row">
          <button type="button" className="primary" onClick={run} disabled={busy}>
            {busy ? "Starting…" : "Start run"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

export function HookDialog({ flow, onClose }: { flow: Flow; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState(false);

  async function create() {
    setError(null);
    setRemoved(false);
    try {
      const answer = await api.post<Envelope<{ path: string }>>(`/flows/${flow.id}/hook`);
      setUrl(`${location.origin}${answer.data.path}`);
    } catch (caught) {
      setError(caught);
    }
  }

  async function remove() {
    setError(null);
    try {
      await api.delete(`/flows/${flow.id}/hook`);
      setUrl(null);
      setRemoved(true);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <Dialog title="Hook" onClose={onClose}>
      <div className="stack">
        <p>
          A hook lets another system start this flow with <code>POST</code> to a secret URL; the request body
          is the run input. The URL is shown once, when it is made: making a new one retires the old one.
        </p>
        {url && (
          <>
            <label htmlFor="hook-url">Hook URL (copy it now)</label>
            <input id="hook-url" readOnly value={url} onFocus={(e) => e.target.select()} />
          </>
        )}
        {removed && <p role="status">The hook is removed: its URL no longer starts runs.</p>}
        <ErrorBox error={error} />
        <div className="row">
          <button type="button" className="primary" onClick={create}>
            {url ? "Rotate the URL" : "Make a hook URL"}
          </button>
          <button type="button" className="danger" onClick={remove}>
            Remove the hook
          </button>
        </div>
      </div>
    </Dialog>
  );
}
