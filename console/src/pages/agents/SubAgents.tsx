import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api, type Page } from "../../api/client";
import type { Agent } from "../../api/people";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { ListTable } from "../../components/ListTable";

/** Sub-agents: each is an agent of its own, offered to its parent as a tool. */
export function SubAgents({ agentId }: { agentId: string }) {
  const { can } = useSession();
  const subs = useApi((signal) => api.get<Page<Agent>>(`/agents/${agentId}/subagents`, { size: 100 }, signal), [agentId]);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [instructions, setInstructions] = useState("");
  const [error, setError] = useState<unknown>(null);
  const writable = can("agents:write");

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.post(`/agents/${agentId}/subagents`, { name, description, config: { instructions } });
      setName("");
      setDescription("");
      setInstructions("");
      await subs.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  async function remove(id: string) {
    setError(null);
    try {
      await api.delete(`/agents/${agentId}/subagents/${id}`);
      await subs.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="stack">
      <ErrorBox error={subs.error} />
      {subs.data && (
        <ListTable headers={["Sub-agent", "Model", ""]} count={subs.data.data.length} empty={<>No sub-agents.</>}>
          {subs.data.data.map((sub) => (
            <tr key={sub.id}>
              <td>
                <Link to={`/agents/${sub.id}`}>{sub.name}</Link>
                <div className="muted">{sub.description}</div>
              </td>
              <td className="mono">{sub.config.model ?? "organisation default"}</td>
              <td>
                {writable && (
                  <button type="button" className="danger" aria-label={`Delete ${sub.name}`} onClick={() => void remove(sub.id)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {writable && (
        <form className="form-grid" onSubmit={create} aria-label="New sub-agent">
          <label htmlFor="sub-name">Name</label>
          <div className="stack">
            <input id="sub-name" value={name} onChange={(e) => setName(e.target.value)} required />
            <FieldError error={error} field="name" />
          </div>
          <label htmlFor="sub-description">Description</label>
          <div className="stack">
            <input id="sub-description" value={description} onChange={(e) => setDescription(e.target.value)} />
            <FieldError error={error} field="description" />
          </div>
          <label htmlFor="sub-instructions">Instructions</label>
          <textarea id="sub-instructions" value={instructions} onChange={(e) => setInstructions(e.target.value)} />
          <div className="full">
            <ErrorBox error={error} />
            <button type="submit" className="primary">
              Add sub-agent
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
