// The schedules of one flow: list (next firing), add, pause/resume, delete.
import { useState, type FormEvent } from "react";
import { api, type Page } from "../../../api/client";
import type { Flow } from "../../../api/types";
import { CodeField } from "../../../code/CodeField";
import { Dialog } from "../../../components/Dialog";
import { ErrorBox, FieldError } from "../../../components/ErrorBox";
import { when } from "../../../components/format";
import { useApi } from "../../../components/useApi";

interface Schedule {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  next_run_at: string | null;
  last_run_at: string | null;
  last_error: string | null;
  version?: number;
}

export function SchedulesDialog({ flow, onClose }: { flow: Flow; onClose: () => void }) {
  const schedules = useApi(
    (signal) => api.get<Page<Schedule>>("/schedules", { flow_id: flow.id, size: 100 }, signal),
    [flow.id],
  );
  const [name, setName] = useState("");
  const [cron, setCron] = useState("0 9 * * 1-5");
  const [timezone, setTimezone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const [input, setInput] = useState("{}");
  const [error, setError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<unknown>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input || "{}");
    } catch (caught) {
      setError(new Error(`The input is not valid JSON: ${(caught as Error).message}`));
      return;
    }
    try {
      await api.post("/schedules", { name, flow_id: flow.id, cron, timezone, input: parsed });
      setName("");
      await schedules.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  async function act(action: () => Promise<unknown>) {
    setRowError(null);
    try {
      await action();
      await schedules.reload();
    } catch (caught) {
      setRowError(caught);
    }
  }

  return (
    <Dialog title="Schedules" onClose={onClose} wide>
      <ErrorBox error={schedules.error} />
      <ErrorBox error={rowError} />
      <table className="list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Cron</th>
            <th>Time zone</th>
            <th>Next run</th>
            <th>Last run</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(schedules.data?.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>
                {s.name}
                {s.last_error && <div className="field-error">{s.last_error}</div>}
              </td>
              <td>
                <code>{s.cron}</code>
              </td>
              <td>{s.timezone}</td>
              <td>{s.enabled ? when(s.next_run_at) : "paused"}</td>
              <td>{when(s.last_run_at)}</td>
              <td className="row">
                <button type="button" onClick={() => act(() => api.put(`/schedules/${s.id}`, { enabled: !s.enabled }))}>
                  {s.enabled ? "Pause" : "Resume"}
                </button>
                <button type="button" className="danger" onClick={() => act(() => api.delete(`/schedules/${s.id}`))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {schedules.data?.data.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No schedules run this flow.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="stack schedule-form" onSubmit={add}>
        <h3>Add a schedule</h3>
        <div className="row">
          <div className="stack">
            <label htmlFor="schedule-name">Name</label>
            <input id="schedule-name" value={name} onChange={(e) => setName(e.target.value)} required />
            <FieldError error={error} field="name" />
          </div>
          <div className="stack">
            <label htmlFor="schedule-cron">Cron (5 fields)</label>
            <input id="schedule-cron" value={cron} onChange={(e) => setCron(e.target.value)} required />
            <FieldError error={error} field="cron" />
          </div>
          <div className="stack">
            <label htmlFor="schedule-timezone">Time zone</label>
            <input id="schedule-timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} />
            <FieldError error={error} field="timezone" />
          </div>
        </div>
        <label htmlFor="schedule-input">Input (JSON)</label>
        <CodeField id="schedule-input" label="Schedule input (JSON)" language="json" value={input} onChange={setInput} minLines={3} />
        <FieldError error={error} field="input" />
        <ErrorBox error={error} />
        <div className="row">
          <button type="submit" className="primary">
            Add schedule
          </button>
        </div>
      </form>
    </Dialog>
  );
}
