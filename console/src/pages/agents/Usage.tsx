import { useState } from "react";
import { api } from "../../api/client";
import type { AgentUsage } from "../../api/people";
import type { Envelope } from "../../api/types";
import { DailyChart, usd } from "../../components/Chart";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";

/** The agent's cost per day (GET agents/{id}/usage: up to yesterday, at most 31 days). */
export function Usage({ agentId }: { agentId: string }) {
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const usage = useApi(
    (signal) =>
      api.get<Envelope<AgentUsage>>(`/agents/${agentId}/usage`, { start_date: start, end_date: end }, signal),
    [agentId, start, end],
  );
  return (
    <div className="stack">
      <div className="toolbar">
        <label htmlFor="usage-start">From</label>
        <input id="usage-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        <FieldError error={usage.error} field="start_date" />
        <label htmlFor="usage-end">to</label>
        <input id="usage-end" type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
        <FieldError error={usage.error} field="end_date" />
        <span className="muted">Empty: the 7 days up to yesterday (UTC).</span>
      </div>
      <ErrorBox error={usage.error} />
      {usage.data && (
        <>
          <div className="figures">
            <div>
              Cost in the range <strong>{usd(usage.data.data.usage.total_credits_used)}</strong>
            </div>
          </div>
          {usage.data.data.note && <p className="muted">{usage.data.data.note}</p>}
          <DailyChart
            title="Cost per day"
            unit="USD"
            format={usd}
            days={usage.data.data.usage.daily_breakdown.map((d) => ({ date: d.date, value: d.credits_used }))}
          />
        </>
      )}
    </div>
  );
}
