import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api, ApiError, type Page } from "../../api/client";
import type { FlowSummary } from "../../api/types";
import { CodeField } from "../../code/CodeField";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { useAction } from "./common";
import { ListTable } from "../../components/ListTable";

interface Schedule {
  id: string;
  name: string;
  flow_id: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  catch_up: string;
  next_run_at: string | null;
  last_run_at: string | null;
  last_run_id: string | null;
  last_error: string | null;
  version: number;
}

/** Every schedule of the organisation: when each fires next, pause or resume, add, delete. */
export function Schedules() {
  const { can } = useSession();
  const schedules = useApi((signal) => api.get<Page<Schedule>>("/schedules", { size: 100 }, signal), []);
  const flows = useApi((signal) => api.get<Page<FlowSummary>>("/flows", { size: 100 }, signal), []);
  const action = useAction();
  const writable = can("schedules:write");
  const flowName = new Map(flows.data?.data.map((f) => [f.id, f.name]));

  async function change(work: () => Promise<unknown>) {
    if (await action.run(work)) await schedules.reload();
  }

  return (
    <div className="stack">
      <ErrorBox error={schedules.error} />
      <ErrorBox error={action.error} />
      {schedules.data && (
        <ListTable headers={["Schedule", "Flow", "When", "Next", "Last", ""]} count={schedules.data.data.length} empty={<>No schedules yet.</>}>
          {schedules.data.data.map((s) => (
            <tr key={s.id}>
              <td>
                {s.name} {!s.enabled && <span className="badge inactive">paused</span>}
              </td>
              <td>
                <Link to={`/flows/${s.flow_id}`}>{flowName.get(s.flow_id) ?? s.flow_id}</Link>
              </td>
              <td className="mono">
                {s.cron} <span className="muted">{s.timezone}</span>
              </td>
              <td>{when(s.next_run_at)}</td>
              <td>
                {s.last_run_id ? <Link to={`/runs/${s.last_run_id}`}>{when(s.last_run_at)}</Link> : "—"}
                {s.last_error && <div className="field-error">{s.last_error}</div>}
              </td>
              <td className="row">
                {writable && (
                  <>
                    <button
                      type="button"
                      aria-label={`${s.enabled ? "Pause" : "Resume"} ${s.name}`}
                      onClick={() =>
                        void change(() => api.put(`/schedules/${s.id}`, { enabled: !s.enabled, expected_version: s.version }))
                      }
                    >
                      {s.enabled ? "Pause" : "Resume"}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Delete ${s.name}`}
                      onClick={() => void change(() => api.delete(`/schedules/${s.id}`))}
                    >
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {writable && <NewSchedule flows={flows.data?.data ?? []} onCreated={() => void schedules.reload()} />}
    </div>
  );
}

function NewSchedule({ flows, onCreated }: { flows: FlowSummary[]; onCreated: () => void }) {
  const [form, setForm] = useState({ name: "", flow_id: "", cron: "0 9 * * 1-5", timezone: "UTC", catch_up: "last" });
  const [input, setInput] = useState("{}");
  const action = useAction();
  const field = (key: keyof typeof form) => ({
    id: `schedule-${key}`,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await action.run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input || "{}");
      } catch {
        throw new ApiError(0, "BAD_JSON", "The input must be a JSON object.", [{ field: "input", problem: "is not JSON" }]);
      }
      await api.post("/schedules", { ...form, input: parsed });
    });
    if (ok) {
      setForm({ ...form, name: "" });
      onCreated();
    }
  }

  return (
    <form className="form-grid panel" onSubmit={submit} aria-label="New schedule">
      <h2 className="full">New schedule</h2>
      <label htmlFor="schedule-name">Name</label>
      <div className="stack">
        <input {...field("name")} required />
        <FieldError error={action.error} field="name" />
      </div>
      <label htmlFor="schedule-flow_id">Flow</label>
      <div className="stack">
        <select {...field("flow_id")} required>
          <option value="">Choose a flow…</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <FieldError error={action.error} field="flow_id" />
      </div>
      <label htmlFor="schedule-cron">Cron</label>
      <div className="stack">
        <input {...field("cron")} className="mono" required />
        <FieldError error={action.error} field="cron" />
      </div>
      <label htmlFor="schedule-timezone">Time zone</label>
      <div className="stack">
        <input {...field("timezone")} required />
        <FieldError error={action.error} field="timezone" />
      </div>
      <label htmlFor="schedule-catch_up">After downtime</label>
      <select {...field("catch_up")}>
        <option value="last">run the latest missed firing</option>
        <option value="all">run every missed firing</option>
        <option value="none">skip missed firings</option>
      </select>
      <span className="label-like">Input (JSON)</span>
      <div className="stack">
        <CodeField label="Input (JSON)" language="json" value={input} onChange={setInput} minLines={3} />
        <FieldError error={action.error} field="input" />
      </div>
      <div className="full">
        <ErrorBox error={action.error} title="Not created" />
        <button type="submit" className="primary" disabled={action.busy}>
          Create schedule
        </button>
      </div>
    </form>
  );
}
