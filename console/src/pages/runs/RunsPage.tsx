// Runs, newest first, with filters in the address (so a filtered list is a link) and
// live status: every run on the page that has not ended is followed over the
// WebSocket; new runs appear by themselves (announced for a chosen flow, else the
// first page is re-read every few seconds).
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type Page } from "../../api/client";
import { live } from "../../api/live";
import { ENDED, RUN_STATUSES, type FlowSummary, type RunSummary } from "../../api/types";
import { ErrorBox } from "../../components/ErrorBox";
import { duration, when } from "../../components/format";
import { Pager } from "../../components/Pager";
import { useApi } from "../../components/useApi";

const TRIGGERS = ["api", "schedule", "webhook", "subflow", "agent", "mcp"];
const REFRESH_MS = 5000;

/** `datetime-local` (the reader's time) → ISO 8601 UTC for the API, and back. */
function toIso(local: string): string {
  return local ? new Date(local).toISOString() : "";
}
function toLocal(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const filters = {
    flow_id: params.get("flow_id") ?? "",
    status: params.get("status") ?? "",
    trigger: params.get("trigger") ?? "",
    created_after: params.get("created_after") ?? "",
    created_before: params.get("created_before") ?? "",
  };
  const page = Number(params.get("page") ?? 0);
  const key = JSON.stringify([filters, page]);

  const runs = useApi(
    (signal) => api.get<Page<RunSummary>>("/runs", { ...filters, page, size: 25 }, signal),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  const flows = useApi((signal) => api.get<Page<FlowSummary>>("/flows", { size: 100 }, signal), []);
  const flowNames = useMemo(() => new Map((flows.data?.data ?? []).map((f) => [f.id, f.name])), [flows.data]);
  const [statuses, setStatuses] = useState<Record<string, string>>({});

  // Live status of every run on the page that has not ended.
  const open = (runs.data?.data ?? []).filter((r) => !ENDED.has(statuses[r.id] ?? r.status)).map((r) => r.id);
  const openKey = open.join(",");
  useEffect(() => {
    const stops = open.map((id) =>
      live.followRun(id, {
        afterSeq: 0,
        onEvent: (event) => {
          const status = event.type.startsWith("run.") ? (event.data.status as string | undefined) : undefined;
          if (status) setStatuses((current) => (current[id] === status ? current : { ...current, [id]: status }));
        },
      }),
    );
    return () => stops.forEach((stop) => stop());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openKey]);

  // New runs: announced for one flow; otherwise re-read the first page now and then.
  const reload = runs.reload;
  useEffect(() => {
    if (page !== 0) return;
    if (filters.flow_id) return live.followFlow(filters.flow_id, { onRunStarted: () => void reload() });
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [page, filters.flow_id, reload]);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete("page");
    setParams(next, { replace: true });
  }

  return (
    <section>
      <h1>Runs</h1>
      <form className="toolbar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="runs-flow">Flow</label>
        <select id="runs-flow" value={filters.flow_id} onChange={(e) => update({ flow_id: e.target.value })}>
          <option value="">any</option>
          {(flows.data?.data ?? []).map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
          {filters.flow_id && !flowNames.has(filters.flow_id) && <option value={filters.flow_id}>{filters.flow_id}</option>}
        </select>
        <label htmlFor="runs-status">Status</label>
        <select id="runs-status" value={filters.status} onChange={(e) => update({ status: e.target.value })}>
          <option value="">any</option>
          {RUN_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <label htmlFor="runs-trigger">Trigger</label>
        <select id="runs-trigger" value={filters.trigger} onChange={(e) => update({ trigger: e.target.value })}>
          <option value="">any</option>
          {TRIGGERS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label htmlFor="runs-after">From</label>
        <input
          id="runs-after"
          type="datetime-local"
          value={toLocal(filters.created_after)}
          onChange={(e) => update({ created_after: toIso(e.target.value) })}
        />
        <label htmlFor="runs-before">to</label>
        <input
          id="runs-before"
          type="datetime-local"
          value={toLocal(filters.created_before)}
          onChange={(e) => update({ created_before: toIso(e.target.value) })}
        />
      </form>
      <ErrorBox error={runs.error} />
      <ErrorBox error={flows.error} />
      {runs.data && (
        <>
          <table className="list" aria-label="Runs">
            <thead>
              <tr>
                <th>Run</th>
                <th>Flow</th>
                <th>Status</th>
                <th>Trigger</th>
                <th>Created</th>
                <th>Took</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.data.map((run) => {
                const status = statuses[run.id] ?? run.status;
                const took =
                  run.started_at && run.finished_at
                    ? new Date(run.finished_at).getTime() - new Date(run.started_at).getTime()
                    : null;
                return (
                  <tr key={run.id} data-run-id={run.id}>
                    <td>
                      <Link to={`/runs/${run.id}`} className="mono">
                        {run.id}
                      </Link>
                    </td>
                    <td>{run.flow_id ? <Link to={`/flows/${run.flow_id}`}>{flowNames.get(run.flow_id) ?? run.flow_id}</Link> : "—"}</td>
                    <td>
                      <span className={`badge ${status}`}>{status}</span>
                    </td>
                    <td>{run.trigger}</td>
                    <td>{when(run.created_at)}</td>
                    <td>{duration(took)}</td>
                  </tr>
                );
              })}
              {runs.data.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No runs match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager
            page={runs.data.page}
            pages={runs.data.pages}
            total={runs.data.total}
            onPage={(p) => {
              const next = new URLSearchParams(params);
              if (p) next.set("page", String(p));
              else next.delete("page");
              setParams(next);
            }}
          />
        </>
      )}
    </section>
  );
}
