import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api } from "../../api/client";
import type { Agent } from "../../api/people";
import type { Envelope } from "../../api/types";
import { ErrorBox } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { ConfigForm } from "./ConfigForm";
import { SubAgents } from "./SubAgents";
import { Tools } from "./Tools";
import { Usage } from "./Usage";
import "../people.css";

const TABS = [
  ["config", "Configuration"],
  ["tools", "Tools"],
  ["subagents", "Sub-agents"],
  ["usage", "Usage"],
] as const;

export function AgentPage() {
  const { agentId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "config";
  const agent = useApi((signal) => api.get<Envelope<Agent>>(`/agents/${agentId}`, undefined, signal), [agentId]);
  if (agent.error) return <ErrorBox error={agent.error} />;
  if (!agent.data) return <p className="loading">Loading…</p>;
  const a = agent.data.data;
  return (
    <section>
      <p>
        <Link to="/agents">Agents</Link> /
      </p>
      <div className="toolbar">
        <h1>{a.name}</h1>
        <span className="muted mono">{a.id}</span>
        <span className="spacer" />
        <Link className="button primary" to={`/chat/${a.id}`}>
          Chat with it
        </Link>
        <DeleteAgent agent={a} />
      </div>
      {a.description && <p>{a.description}</p>}
      <div className="tabs" role="tablist" aria-label="Agent">
        {TABS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? "primary" : undefined}
            onClick={() => setParams(key === "config" ? {} : { tab: key }, { replace: true })}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel">
        {tab === "config" && <ConfigForm agentId={a.id} onSaved={() => void agent.reload()} />}
        {tab === "tools" && <Tools agentId={a.id} />}
        {tab === "subagents" && <SubAgents agentId={a.id} />}
        {tab === "usage" && <Usage agentId={a.id} />}
      </div>
    </section>
  );
}

/** Two steps (no browser dialog): the first click asks, the second deletes. */
function DeleteAgent({ agent }: { agent: Agent }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!can("agents:write")) return null;
  if (!asking)
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        Delete…
      </button>
    );
  return (
    <span className="row">
      <span>Delete {agent.name} and all its conversations?</span>
      <button
        type="button"
        className="danger"
        onClick={async () => {
          try {
            await api.delete(`/agents/${agent.id}`);
            navigate("/agents", { replace: true });
          } catch (caught) {
            setError(caught);
          }
        }}
      >
        Delete for good
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Keep it
      </button>
      <ErrorBox error={error} />
    </span>
  );
}
