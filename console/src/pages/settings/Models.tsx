// Models and providers: the organisation's mode and default model, its own providers
// (keys typed into uncontrolled password fields, never shown back: only `last4`), and
// every model GET /models knows.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import type { Model } from "../../api/people";
import type { Envelope } from "../../api/types";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { orNull, useAction } from "./common";
import { ListTable } from "../../components/ListTable";

interface Provider {
  name: string;
  kind: string;
  base_url: string | null;
  has_key: boolean;
  last4: string;
  default_model: string | null;
  models: string[];
  version: number;
}

interface LlmConfig {
  mode: "platform" | "byok";
  default_model: string | null;
  effective_default_model: string;
  platform: { available: boolean; provider: string | null; default_model: string | null };
  providers: Provider[];
  version: number;
}

const price = (value: number | null) => (value === null ? "—" : `$${value}`);

export function Models() {
  const { can } = useSession();
  const config = useApi((signal) => api.get<Envelope<LlmConfig>>("/llm/config", undefined, signal), []);
  const models = useApi((signal) => api.get<Page<Model>>("/models", { size: 100 }, signal), []);
  const admin = can("admin");
  const reload = () => {
    void config.reload();
    void models.reload();
  };
  return (
    <div className="stack">
      <ErrorBox error={config.error} />
      {config.data && <Mode config={config.data.data} models={models.data?.data ?? []} admin={admin} onSaved={reload} />}
      <h2>Providers</h2>
      {config.data && <Providers providers={config.data.data.providers} admin={admin} onChanged={reload} />}
      {admin && <NewProvider onCreated={reload} />}
      <h2>Models</h2>
      <ErrorBox error={models.error} />
      {models.data && (
        <ListTable headers={["Model", "Context", "Tools", "Input / output per million tokens", "Available"]}>
          {models.data.data.map((m) => (
            <tr key={m.id}>
              <td className="mono">
                {m.id} {m.default && <span className="badge active">default</span>}
              </td>
              <td>{m.context_window?.toLocaleString() ?? "—"}</td>
              <td>{m.supports_tools ? "yes" : "no"}</td>
              <td>
                {price(m.input_price_per_million)} / {price(m.output_price_per_million)}
              </td>
              <td>{m.available ? "yes" : "no provider"}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}

function Mode({ config, models, admin, onSaved }: { config: LlmConfig; models: Model[]; admin: boolean; onSaved: () => void }) {
  const [mode, setMode] = useState(config.mode);
  const [model, setModel] = useState(config.default_model ?? "");
  const action = useAction();
  useEffect(() => {
    setMode(config.mode);
    setModel(config.default_model ?? "");
  }, [config]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await action.run(() => api.put("/llm/config", { mode, default_model: model || null, expected_version: config.version || undefined })))
      onSaved();
  }

  return (
    <form className="form-grid panel" onSubmit={submit} aria-label="Mode and default model">
      <label htmlFor="llm-mode">Keys</label>
      <div className="stack">
        <select id="llm-mode" value={mode} onChange={(e) => setMode(e.target.value as LlmConfig["mode"])} disabled={!admin}>
          <option value="platform">the instance's provider (platform)</option>
          <option value="byok">this organisation's own providers (bring your own keys)</option>
        </select>
        <span className="muted">
          Instance provider: {config.platform.available ? `${config.platform.provider} (${config.platform.default_model})` : "none configured"}
        </span>
        <FieldError error={action.error} field="mode" />
      </div>
      <label htmlFor="llm-default">Default model</label>
      <div className="stack">
        <select id="llm-default" value={model} onChange={(e) => setModel(e.target.value)} disabled={!admin}>
          <option value="">automatic (now {config.effective_default_model})</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
            </option>
          ))}
        </select>
        <FieldError error={action.error} field="default_model" />
      </div>
      {admin && (
        <div className="full">
          <ErrorBox error={action.error} title="Not saved" />
          <button type="submit" className="primary" disabled={action.busy}>
            Save
          </button>
        </div>
      )}
    </form>
  );
}

function Providers({ providers, admin, onChanged }: { providers: Provider[]; admin: boolean; onChanged: () => void }) {
  const action = useAction();
  return (
    <>
      <ErrorBox error={action.error} />
      <ListTable headers={["Name", "Kind", "Endpoint", "Key", "Models", ""]} count={providers.length} empty={<>No providers of this organisation's own.</>}>
        {providers.map((p) => (
          <tr key={p.name}>
            <td className="mono">{p.name}</td>
            <td>{p.kind}</td>
            <td className="mono">{p.base_url ?? "the vendor's"}</td>
            <td>{p.has_key ? (p.last4 ? `stored, ends in ${p.last4}` : "stored") : "none"}</td>
            <td>
              {p.default_model && <strong>{p.default_model}</strong>} {p.models.filter((m) => m !== p.default_model).join(", ")}
            </td>
            <td>
              {admin && (
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete provider ${p.name}`}
                  onClick={async () => {
                    if (await action.run(() => api.delete(`/llm/config/providers/${p.name}`))) onChanged();
                  }}
                >
                  Delete
                </button>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

function NewProvider({ onCreated }: { onCreated: () => void }) {
  const keyRef = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState({ name: "", kind: "openai_compatible", base_url: "", default_model: "", models: "" });
  const [check, setCheck] = useState<{ valid: boolean; message: string } | null>(null);
  const action = useAction();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const key = () => orNull(keyRef.current?.value ?? "");

  async function test() {
    setCheck(null);
    await action.run(async () => {
      const answer = await api.post<Envelope<{ valid: boolean; message: string }>>("/llm/config/test-key", {
        kind: form.kind,
        base_url: orNull(form.base_url),
        api_key: key(),
      });
      setCheck(answer.data);
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      name: form.name,
      kind: form.kind,
      base_url: orNull(form.base_url),
      api_key: key(),
      default_model: orNull(form.default_model),
      models: form.models
        .split(",")
        .map((m) => m.trim())
        .filter(Boolean),
    };
    if (await action.run(() => api.post("/llm/config/providers", body))) {
      if (keyRef.current) keyRef.current.value = "";
      setForm({ ...form, name: "", default_model: "", models: "" });
      setCheck(null);
      onCreated();
    }
  }

  return (
    <form className="form-grid panel" onSubmit={submit} aria-label="New provider">
      <h2 className="full">Add a provider</h2>
      <label htmlFor="provider-name">Name</label>
      <div className="stack">
        <input id="provider-name" value={form.name} onChange={set("name")} placeholder="ollama" required />
        <FieldError error={action.error} field="name" />
      </div>
      <label htmlFor="provider-kind">Kind</label>
      <select id="provider-kind" value={form.kind} onChange={set("kind")}>
        <option value="openai_compatible">OpenAI-compatible (Ollama, vLLM, OpenRouter…)</option>
        <option value="openai">OpenAI</option>
        <option value="anthropic">Anthropic</option>
      </select>
      <label htmlFor="provider-url">Base URL</label>
      <div className="stack">
        <input id="provider-url" value={form.base_url} onChange={set("base_url")} placeholder="http://localhost:11434/v1" />
        <FieldError error={action.error} field="base_url" />
      </div>
      <label htmlFor="provider-key">API key</label>
      <div className="stack">
        <input id="provider-key" ref={keyRef} type="password" autoComplete="new-password" />
        <FieldError error={action.error} field="api_key" />
      </div>
      <label htmlFor="provider-default">Default model</label>
      <div className="stack">
        <input id="provider-default" value={form.default_model} onChange={set("default_model")} placeholder="llama3.1" />
        <FieldError error={action.error} field="default_model" />
      </div>
      <label htmlFor="provider-models">Models (comma-separated)</label>
      <div className="stack">
        <input id="provider-models" value={form.models} onChange={set("models")} />
        <FieldError error={action.error} field="models" />
      </div>
      <div className="full">
        {check && (
          <p role="status" className={check.valid ? "" : "field-error"}>
            {check.valid ? "The key works" : "The key does not work"}: {check.message}
          </p>
        )}
        <ErrorBox error={action.error} title="Not done" />
        <div className="row">
          <button type="button" onClick={() => void test()} disabled={action.busy}>
            Test the key
          </button>
          <button type="submit" className="primary" disabled={action.busy}>
            Add provider
          </button>
        </div>
      </div>
    </form>
  );
}
