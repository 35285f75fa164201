import { useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import { POLICIES, type Tool, type ToolPolicy } from "../../api/people";
import { CodeField } from "../../code/CodeField";
import { ErrorBox } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { ListTable } from "../../components/ListTable";

const EXAMPLE = `{
  "name": "get_user",
  "kind": "http",
  "description": "One user by id.",
  "config": {"method": "GET", "url": "https://crm.example.com/v1/users/{user_id}"}
}`;

/** The agent's tools (built-ins first), each with its approval policy; add one from JSON. */
export function Tools({ agentId }: { agentId: string }) {
  const { can } = useSession();
  const tools = useApi((signal) => api.get<Page<Tool>>(`/agents/${agentId}/tools`, { size: 100 }, signal), [agentId]);
  const [error, setError] = useState<unknown>(null);
  const [definition, setDefinition] = useState(EXAMPLE);
  const [adding, setAdding] = useState(false);
  const writable = can("agents:write");

  async function act(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      await tools.reload();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(definition);
    } catch (caught) {
      setError(new Error(`The definition is not JSON: ${(caught as Error).message}`));
      return;
    }
    if (await act(() => api.post(`/agents/${agentId}/tools`, body))) setAdding(false);
  }

  return (
    <div className="stack">
      <ErrorBox error={tools.error} />
      <ErrorBox error={error} />
      {tools.data && (
        <ListTable headers={["Tool", "Kind", "Approval", ""]} count={tools.data.data.length} empty={<>No tools: the model can only talk.</>}>
          {tools.data.data.map((tool) => (
            <tr key={tool.name}>
              <td>
                <code>{tool.name}</code>
                <div className="muted">{tool.description}</div>
              </td>
              <td>{tool.kind}</td>
              <td>
                <select
                  aria-label={`Approval policy of ${tool.name}`}
                  value={tool.approval}
                  disabled={!writable}
                  onChange={(e) =>
                    void act(() =>
                      api.put(`/agents/${agentId}/tools/${tool.name}/approval`, {
                        policy: e.target.value as ToolPolicy,
                      }),
                    )
                  }
                >
                  {POLICIES.map((p) => (
                    <option key={p} value={p}>
                      {p}
                      {tool.approval_is_default && p === tool.approval ? " (default)" : ""}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {writable && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove ${tool.name}`}
                    onClick={() => void act(() => api.delete(`/agents/${agentId}/tools/${tool.name}`))}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {writable &&
        (adding ? (
          <form className="stack" onSubmit={add}>
            <CodeField label="Tool definition (JSON)" language="json" value={definition} onChange={setDefinition} minLines={8} />
            <p className="muted">
              Kinds: <code>http</code> (config: method, url, credential…), <code>flow</code> (config: flow),{" "}
              <code>builtin</code>. docs/tools.md lists every field.
            </p>
            <div className="row">
              <button type="submit" className="primary">
                Add tool
              </button>
              <button type="button" onClick={() => setAdding(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div>
            <button type="button" onClick={() => setAdding(true)}>
              Add a tool…
            </button>
          </div>
        ))}
    </div>
  );
}
