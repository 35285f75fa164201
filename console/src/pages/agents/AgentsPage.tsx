import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, type Page } from "../../api/client";
import type { Agent } from "../../api/people";
import type { Envelope } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { Pager } from "../../components/Pager";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import "../people.css";
import { ListTable } from "../../components/ListTable";

export function AgentsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 0);
  const [creating, setCreating] = useState(false);
  const agents = useApi((signal) => api.get<Page<Agent>>("/agents", { page, size: 25 }, signal), [page]);
  return (
    <section>
      <h1>Agents</h1>
      <div className="toolbar">
        <span className="spacer" />
        {can("agents:write") && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New agent
          </button>
        )}
      </div>
      <ErrorBox error={agents.error} />
      {creating && <NewAgentDialog onClose={() => setCreating(false)} />}
      {agents.data && (
        <>
          <ListTable headers={["Name", "Model", "Tools", "Updated", ""]} count={agents.data.data.length} empty={<>No agents yet.</>}>
            {agents.data.data.map((agent) => (
              <tr key={agent.id}>
                <td>
                  <Link to={`/agents/${agent.id}`}>{agent.name}</Link>
                  {agent.description && <div className="muted">{agent.description}</div>}
                </td>
                <td className="mono">{agent.config.model ?? "organisation default"}</td>
                <td>{agent.config.tools.join(", ") || "—"}</td>
                <td>{when(agent.updated_at)}</td>
                <td>
                  <Link to={`/chat/${agent.id}`} aria-label={`Chat with ${agent.name}`}>
                    Chat
                  </Link>
                </td>
              </tr>
            ))}
          </ListTable>
          <Pager
            page={agents.data.page}
            pages={agents.data.pages}
            total={agents.data.total}
            onPage={(p) => setParams(p ? { page: String(p) } : {}, { replace: true })}
          />
        </>
      )}
    </section>
  );
}

function NewAgentDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [instructions, setInstructions] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Envelope<Agent>>("/agents", { name, description, config: { instructions } });
      navigate(`/agents/${created.data.id}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Dialog title="New agent" onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="new-agent-name">Name</label>
        <input id="new-agent-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        <FieldError error={error} field="name" />
        <label htmlFor="new-agent-description">Description</label>
        <input id="new-agent-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <FieldError error={error} field="description" />
        <label htmlFor="new-agent-instructions">Instructions</label>
        <textarea id="new-agent-instructions" value={instructions} onChange={(e) => setInstructions(e.target.value)} />
        <FieldError error={error} field="config.instructions" />
        <ErrorBox error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
