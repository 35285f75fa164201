import { useEffect, useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import type { Envelope } from "../../api/types";
import { DailyChart, usd } from "../../components/Chart";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { useApi } from "../../components/useApi";
import { numberOrNull, useAction } from "./common";
import { ListTable } from "../../components/ListTable";

interface Figures {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

interface Summary {
  range: string;
  totals: Figures;
  by_agent: (Figures & { agent_id: string | null; agent_name: string | null })[];
  by_model: (Figures & { model: string })[];
  by_user: (Figures & { user_id: string | null; email: string | null })[];
  by_day: (Figures & { date: string })[];
}

interface Budget {
  credits_usd: number | null;
  monthly_limit_usd: number | null;
  effective_limit_usd: number | null;
  month: string;
  month_spend_usd: number;
  remaining_usd: number | null;
  resets_at: string;
  version: number;
}

interface UserBudget {
  user_id: string;
  email: string;
  monthly_limit_usd: number | null;
  month_spend_usd: number;
}

const money = (value: number | null) => (value === null ? "no limit" : usd(value));

/** What model calls cost (by day, agent, model, user), and the limits on spending. */
export function UsageBudgets() {
  const [range, setRange] = useState("7d");
  const summary = useApi(
    (signal) => api.get<Envelope<Summary>>("/admin/usage/summary", { range }, signal),
    [range],
  );
  return (
    <div className="stack">
      <BudgetForm />
      <h2>Usage</h2>
      <div className="toolbar">
        <label htmlFor="usage-range">Range</label>
        <select id="usage-range" value={range} onChange={(e) => setRange(e.target.value)}>
          <option value="7d">7 days</option>
          <option value="30d">30 days</option>
          <option value="90d">90 days</option>
          <option value="all">all</option>
        </select>
      </div>
      <ErrorBox error={summary.error} />
      {summary.data && <SummaryView summary={summary.data.data} />}
      <UserCaps />
    </div>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  const t = summary.totals;
  return (
    <>
      <div className="figures">
        <div>
          Model calls <strong>{t.calls}</strong>
        </div>
        <div>
          Tokens in / out{" "}
          <strong>
            {t.input_tokens} / {t.output_tokens}
          </strong>
        </div>
        <div>
          Cost <strong>{usd(t.cost_usd)}</strong>
        </div>
      </div>
      <DailyChart title="Cost per day" unit="USD" format={usd} days={summary.by_day.map((d) => ({ date: d.date, value: d.cost_usd }))} />
      <DailyChart title="Model calls per day" unit="calls" days={summary.by_day.map((d) => ({ date: d.date, value: d.calls }))} />
      <ListTable headers={["Agent", "Calls", "Cost"]} caption="By agent">
        {summary.by_agent.map((a) => (
          <tr key={a.agent_id ?? "none"}>
            <td>{a.agent_name ?? "no agent (flows) or deleted"}</td>
            <td>{a.calls}</td>
            <td>{usd(a.cost_usd)}</td>
          </tr>
        ))}
      </ListTable>
      <ListTable headers={["Model", "Calls", "Cost"]} caption="By model">
        {summary.by_model.map((m) => (
          <tr key={m.model}>
            <td className="mono">{m.model}</td>
            <td>{m.calls}</td>
            <td>{usd(m.cost_usd)}</td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

function BudgetForm() {
  const budget = useApi((signal) => api.get<Envelope<Budget>>("/admin/budget", undefined, signal), []);
  const [limit, setLimit] = useState("");
  const [add, setAdd] = useState("");
  const action = useAction();
  useEffect(() => {
    const b = budget.data?.data;
    if (b) setLimit(b.monthly_limit_usd === null ? "" : String(b.monthly_limit_usd));
  }, [budget.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const b = budget.data?.data;
    const body: Record<string, unknown> = { monthly_limit_usd: numberOrNull(limit), expected_version: b?.version || undefined };
    if (add.trim()) body.add_credits_usd = Number(add);
    if (await action.run(() => api.put("/admin/budget", body))) {
      setAdd("");
      await budget.reload();
    }
  }

  if (budget.error) return <ErrorBox error={budget.error} />;
  const b = budget.data?.data;
  if (!b) return <p className="loading">Loading…</p>;
  return (
    <>
      <div className="figures">
        <div>
          Spent in {b.month} <strong>{usd(b.month_spend_usd)}</strong>
        </div>
        <div>
          Credits <strong>{b.credits_usd === null ? "unmetered" : usd(b.credits_usd)}</strong>
        </div>
        <div>
          Can still spend <strong>{money(b.remaining_usd)}</strong>
        </div>
        <div>
          Resets <strong>{when(b.resets_at)}</strong>
        </div>
      </div>
      <form className="form-grid panel" onSubmit={submit} aria-label="Budget">
        <label htmlFor="budget-limit">Monthly budget (USD)</label>
        <div className="stack">
          <input id="budget-limit" type="number" step="0.01" value={limit} onChange={(e) => setLimit(e.target.value)} placeholder="none" />
          <FieldError error={action.error} field="monthly_limit_usd" />
        </div>
        <label htmlFor="budget-add">Add credits (USD)</label>
        <div className="stack">
          <input id="budget-add" type="number" step="0.01" value={add} onChange={(e) => setAdd(e.target.value)} />
          <FieldError error={action.error} field="add_credits_usd" />
        </div>
        <div className="full">
          <ErrorBox error={action.error} title="Not saved" />
          <button type="submit" className="primary" disabled={action.busy}>
            Save budget
          </button>
        </div>
      </form>
    </>
  );
}

function UserCaps() {
  const caps = useApi((signal) => api.get<Page<UserBudget>>("/admin/budget/users", { size: 100 }, signal), []);
  const action = useAction();
  const [edits, setEdits] = useState<Record<string, string>>({});
  return (
    <>
      <h2>Monthly caps per user</h2>
      <ErrorBox error={caps.error} />
      <ErrorBox error={action.error} title="Not saved" />
      {caps.data && (
        <ListTable headers={["User", "Spent this month", "Cap (USD)"]}>
          {caps.data.data.map((u) => (
            <tr key={u.user_id}>
              <td>{u.email}</td>
              <td>{usd(u.month_spend_usd)}</td>
              <td>
                <form
                  className="row"
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const text = edits[u.user_id] ?? "";
                    if (await action.run(() => api.put("/admin/budget/users", { user_id: u.user_id, monthly_limit_usd: numberOrNull(text) })))
                      await caps.reload();
                  }}
                >
                  <input
                    type="number"
                    min="0"
                    step="0.01"
                    aria-label={`Monthly cap of ${u.email}`}
                    placeholder={u.monthly_limit_usd === null ? "none" : String(u.monthly_limit_usd)}
                    value={edits[u.user_id] ?? (u.monthly_limit_usd === null ? "" : String(u.monthly_limit_usd))}
                    onChange={(e) => setEdits({ ...edits, [u.user_id]: e.target.value })}
                  />
                  <button type="submit" aria-label={`Save the cap of ${u.email}`}>
                    Save
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </>
  );
}
