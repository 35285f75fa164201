import { Link, NavLink, useLocation, useParams, useSearchParams } from "react-router";
import { api, type Page } from "../../api/client";
import type { Envelope } from "../../api/types";
import { ErrorBox } from "../../components/ErrorBox";
import { ListTable } from "../../components/ListTable";
import { when } from "../../components/format";
import { Pager } from "../../components/Pager";
import { useApi } from "../../components/useApi";
import { usePolled } from "../../components/usePolled";
import { useSession } from "../../session";
import { useUsers } from "../settings/Users";
import { DecisionForm } from "./DecisionForm";
import { RequestView } from "./RequestView";
import { asOutboundRequest, type Approval } from "./types";
import "../people.css";

export function ApprovalsPage() {
  const { approvalId } = useParams();
  const [params, setParams] = useSearchParams();
  const history = useLocation().pathname.startsWith("/approvals/history");
  const base = history ? "/approvals/history" : "/approvals";
  const everyone = params.get("all") === "1";
  const page = Number(params.get("page") ?? 0);
  const list = usePolled(
    (signal) =>
      api.get<Page<Approval>>(
        history ? "/approvals/history" : "/approvals/pending",
        { assignee: everyone ? undefined : "me", page, size: 20 },
        signal,
      ),
    [history, everyone, page],
  );

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  const suffix = params.toString() ? `?${params.toString()}` : "";
  return (
    <section>
      <h1>Approvals</h1>
      <div className="toolbar">
        <nav className="tabs" aria-label="Approvals">
          <NavLink to={`/approvals${suffix}`} end className={() => (history ? "" : "active")}>
            Pending
          </NavLink>
          <NavLink to={`/approvals/history${suffix}`}>History</NavLink>
        </nav>
        <label className="inline">
          <input type="checkbox" checked={everyone} onChange={(e) => update({ all: e.target.checked ? "1" : "", page: "" })} />{" "}
          Everyone's, not only mine and my groups'
        </label>
        <span className="spacer" />
        <span className="muted" role="status">
          {list.error && list.data ? "Could not refresh; retrying every 5 s." : list.data ? "Refreshed every 5 s." : ""}
        </span>
      </div>
      <ErrorBox error={list.error} />
      <div className="split">
        <div className="split-list">
          {list.data && (
            <>
              <ListTable
                headers={["Title", history ? "Outcome" : "Asked"]}
                count={list.data.data.length}
                empty={history ? "Nothing answered yet." : "Nothing waits for you."}
              >
                {list.data.data.map((a) => (
                  <tr key={a.id} className={a.id === approvalId ? "selected" : undefined}>
                    <td>
                      <Link to={`${base}/${a.id}${suffix}`}>{a.title || a.id}</Link>
                      <div className="muted">
                        {a.kind === "tool" ? "agent tool call" : asOutboundRequest(a.payload) ? "outbound request" : "flow"}
                        {a.run_id && <> · {a.run_id}</>}
                      </div>
                    </td>
                    <td>
                      {history ? (
                        <>
                          <span className={`badge ${a.status}`}>{a.status}</span>
                          <div className="muted">{when(a.decided_at)}</div>
                        </>
                      ) : (
                        <>
                          {when(a.created_at)}
                          {a.expires_at && <div className="muted">expires {when(a.expires_at)}</div>}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </ListTable>
              <Pager
                page={list.data.page}
                pages={list.data.pages}
                total={list.data.total}
                onPage={(p) => update({ page: p ? String(p) : "" })}
              />
            </>
          )}
        </div>
        <div className="split-detail">
          {approvalId ? (
            <ApprovalDetail key={approvalId} id={approvalId} onChanged={() => void list.reload()} />
          ) : (
            <p className="muted">Choose an approval to see what it asks.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ApprovalDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { can } = useSession();
  const users = useUsers();
  const who = (id: string) => users.data?.data.find((u) => u.id === id)?.email ?? id;
  const approval = useApi((signal) => api.get<Envelope<Approval>>(`/approvals/${id}`, undefined, signal), [id]);
  if (approval.error) return <ErrorBox error={approval.error} />;
  if (!approval.data) return <p className="loading">Loading…</p>;
  const a = approval.data.data;
  const request = asOutboundRequest(a.payload);
  const edited = a.arguments !== null && a.arguments !== undefined ? asOutboundRequest(a.arguments) : null;
  return (
    <article className="panel approval" aria-labelledby="approval-title">
      <h2 id="approval-title">{a.title || a.id}</h2>
      <p>
        <span className={`badge ${a.status}`}>{a.status}</span>{" "}
        {a.run_id && (
          <>
            run <Link to={`/runs/${a.run_id}`}>{a.run_id}</Link>
          </>
        )}
        {a.flow_id && (
          <>
            {" "}
            of flow <Link to={`/flows/${a.flow_id}`}>{a.flow_id}</Link>
          </>
        )}
      </p>
      {a.description && <p>{a.description}</p>}
      <dl className="facts">
        <dt>Asked</dt>
        <dd>{when(a.created_at)}</dd>
        <dt>Who may answer</dt>
        <dd>
          {a.assignees.length > 0 ? a.assignees.map(who).join(", ") : "no one named"}
          {a.group_id && <> · group {a.group_id}</>} (and admins)
        </dd>
        {a.expires_at && (
          <>
            <dt>Expires</dt>
            <dd>
              {when(a.expires_at)}, then {a.on_timeout}
            </dd>
          </>
        )}
        {a.status !== "pending" && (
          <>
            <dt>Decided</dt>
            <dd>
              {when(a.decided_at)}
              {a.decided_by_id && <> by {who(a.decided_by_id)}</>}
            </dd>
            {a.comment && (
              <>
                <dt>Comment</dt>
                <dd>{a.comment}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <h3>{request ? "The request, exactly as it will be sent" : "Payload"}</h3>
      {request ? <RequestView request={request} /> : <pre>{JSON.stringify(a.payload, null, 2)}</pre>}
      {a.arguments !== null && a.arguments !== undefined && (
        <>
          <h3>Approved with these edits</h3>
          {edited ? <RequestView request={edited} /> : <pre>{JSON.stringify(a.arguments, null, 2)}</pre>}
        </>
      )}
      {a.status === "pending" && can("runs:write") && (
        <DecisionForm
          approval={a}
          onDecided={(decided) => {
            approval.setData({ data: decided });
            onChanged();
          }}
        />
      )}
    </article>
  );
}
