import { useEffect, useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import { BUILTIN_TOOLS, POLICIES, type AgentConfigRead, type Model, type ToolPolicy } from "../../api/people";
import type { Envelope } from "../../api/types";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";

const TOOL_HELP: Record<string, string> = {
  kv_get: "read a key of the organisation's KV store",
  kv_set: "write a key of the KV store",
  current_time: "the time in a time zone",
  ask_user: "ask the person a question",
};

interface Draft {
  model: string;
  instructions: string;
  temperature: string;
  max_steps: string;
  tools: string[];
  approval: Record<string, ToolPolicy>;
  budget: string;
}

function draftOf(config: AgentConfigRead): Draft {
  return {
    model: config.model ?? "",
    instructions: config.instructions,
    temperature: config.temperature === null ? "" : String(config.temperature),
    max_steps: String(config.max_steps),
    tools: config.tools,
    approval: config.approval,
    budget: config.budget.monthly_limit_usd === null ? "" : String(config.budget.monthly_limit_usd),
  };
}

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

/** The agent's configuration: model from GET /models, instructions, tools, policies, budget. */
export function ConfigForm({ agentId, onSaved }: { agentId: string; onSaved: () => void }) {
  const { can } = useSession();
  const config = useApi(
    (signal) => api.get<Envelope<AgentConfigRead>>(`/agents/${agentId}/config`, undefined, signal),
    [agentId],
  );
  const models = useApi((signal) => api.get<Page<Model>>("/models", { size: 100 }, signal), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (config.data) setDraft(draftOf(config.data.data));
  }, [config.data]);

  if (config.error) return <ErrorBox error={config.error} />;
  if (!config.data || !draft) return <p className="loading">Loading…</p>;
  const current = config.data.data;
  const readOnly = !can("agents:write");

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setSaved(false);
  }

  function toggleTool(name: string, on: boolean) {
    if (!draft) return;
    const tools = on ? [...draft.tools, name] : draft.tools.filter((t) => t !== name);
    const approval = { ...draft.approval };
    if (!on) delete approval[name];
    setDraft({ ...draft, tools, approval });
    setSaved(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.patch<Envelope<AgentConfigRead>>(`/agents/${agentId}/config`, {
        model: draft.model || null,
        instructions: draft.instructions,
        temperature: numberOrNull(draft.temperature),
        max_steps: numberOrNull(draft.max_steps),
        tools: draft.tools,
        approval: draft.approval,
        budget: { monthly_limit_usd: numberOrNull(draft.budget) },
        expected_version: current.version,
      });
      config.setData(answer);
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const modelList = models.data?.data ?? [];
  const known = modelList.some((m) => m.id === draft.model);
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Agent configuration">
      <label htmlFor="agent-model">Model</label>
      <div className="stack">
        <select id="agent-model" value={draft.model} onChange={(e) => set("model", e.target.value)} disabled={readOnly}>
          <option value="">Organisation default (now {current.effective_model})</option>
          {!known && draft.model && <option value={draft.model}>{draft.model} (not listed)</option>}
          {modelList.map((m) => (
            <option key={m.id} value={m.id} disabled={!m.available && m.id !== draft.model}>
              {m.id}
              {m.available ? "" : " (no provider configured)"}
              {m.supports_tools ? "" : " (no tools)"}
            </option>
          ))}
        </select>
        <FieldError error={error} field="model" />
        <ErrorBox error={models.error} title="Models could not be listed" />
      </div>

      <label htmlFor="agent-instructions">Instructions</label>
      <div className="stack">
        <textarea
          id="agent-instructions"
          value={draft.instructions}
          onChange={(e) => set("instructions", e.target.value)}
          readOnly={readOnly}
          rows={6}
        />
        <FieldError error={error} field="instructions" />
      </div>

      <label htmlFor="agent-temperature">Temperature</label>
      <div className="stack">
        <input
          id="agent-temperature"
          type="number"
          step="0.1"
          value={draft.temperature}
          placeholder="the model's default"
          onChange={(e) => set("temperature", e.target.value)}
          readOnly={readOnly}
        />
        <FieldError error={error} field="temperature" />
      </div>

      <label htmlFor="agent-max-steps">Model calls per turn</label>
      <div className="stack">
        <input
          id="agent-max-steps"
          type="number"
          value={draft.max_steps}
          onChange={(e) => set("max_steps", e.target.value)}
          readOnly={readOnly}
        />
        <FieldError error={error} field="max_steps" />
      </div>

      <span className="label-like">Built-in tools</span>
      <fieldset className="stack plain">
        <legend className="sr-only">Built-in tools and their approval policies</legend>
        {BUILTIN_TOOLS.map((name) => {
          const on = draft.tools.includes(name);
          return (
            <div key={name} className="row">
              <input
                id={`tool-${name}`}
                type="checkbox"
                checked={on}
                onChange={(e) => toggleTool(name, e.target.checked)}
                disabled={readOnly}
              />
              <label htmlFor={`tool-${name}`}>
                <code>{name}</code>
              </label>
              <span className="muted">{TOOL_HELP[name]}</span>
              {on && (
                <>
                  <label htmlFor={`approval-${name}`} className="inline">
                    approval
                  </label>
                  <select
                    id={`approval-${name}`}
                    value={draft.approval[name] ?? "never"}
                    onChange={(e) => set("approval", { ...draft.approval, [name]: e.target.value as ToolPolicy })}
                    disabled={readOnly}
                  >
                    {POLICIES.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </div>
          );
        })}
        <FieldError error={error} field="tools" />
        <FieldError error={error} field="approval" />
        <span className="muted">HTTP, flow and sub-agent tools: the Tools and Sub-agents tabs.</span>
      </fieldset>

      <label htmlFor="agent-budget">Monthly budget (USD)</label>
      <div className="stack">
        <input
          id="agent-budget"
          type="number"
          step="0.01"
          min="0"
          value={draft.budget}
          placeholder="none"
          onChange={(e) => set("budget", e.target.value)}
          readOnly={readOnly}
        />
        <FieldError error={error} field="budget.monthly_limit_usd" />
      </div>

      <div className="full">
        <ErrorBox error={error} title="Not saved" />
        {!readOnly && (
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Save configuration
            </button>
            {saved && (
              <span role="status" className="muted">
                Saved (version {current.version}).
              </span>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
