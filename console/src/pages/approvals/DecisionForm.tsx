// Approve, deny, or approve with edited values: the inbox and the chat's inline
// approvals share it. Edited values go as `arguments`; the API checks them against the
// approval's schema and names each field it refuses, which is shown beside that field.
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client";
import type { Envelope } from "../../api/types";
import { CodeField } from "../../code/CodeField";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { pretty } from "../../components/format";
import { flatFields, type Approval } from "./types";

type Scalar = string | number | boolean | null;

function readScalar(original: Scalar, text: string): Scalar {
  if (typeof original === "number") {
    const n = Number(text);
    return text.trim() === "" ? null : Number.isFinite(n) ? n : text;
  }
  return text;
}

export function DecisionForm({
  approval,
  onDecided,
  compact,
}: {
  approval: Pick<Approval, "id" | "payload" | "title">;
  onDecided: (approval: Approval) => void;
  compact?: boolean;
}) {
  const flat = flatFields(approval.payload);
  const [comment, setComment] = useState("");
  const [editing, setEditing] = useState(false);
  const [asJson, setAsJson] = useState(flat === null);
  const [values, setValues] = useState<Record<string, Scalar>>(flat ?? {});
  const [jsonText, setJsonText] = useState(pretty(approval.payload));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `decide-${approval.id}`;

  async function send(decision: "approve" | "deny", edited: boolean) {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { decision };
      if (comment.trim()) body.comment = comment.trim();
      if (edited) {
        if (asJson) {
          try {
            body.arguments = JSON.parse(jsonText);
          } catch (caught) {
            throw new ApiError(0, "BAD_JSON", `The edited values are not JSON: ${(caught as Error).message}`, [
              { field: "arguments", problem: "is not valid JSON" },
            ]);
          }
        } else {
          body.arguments = values;
        }
      }
      const answer = await api.post<Envelope<Approval>>(`/approvals/${approval.id}/respond`, body);
      onDecided(answer.data);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function submitEdited(event: FormEvent) {
    event.preventDefault();
    void send("approve", true);
  }

  return (
    <div className={compact ? "decision compact" : "decision"}>
      <div className="row">
        <label htmlFor={`${prefix}-comment`}>Comment</label>
        <input
          id={`${prefix}-comment`}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="Optional: why"
          maxLength={2000}
        />
        <FieldError error={error} field="comment" />
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void send("approve", false)}>
          Approve
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void send("deny", false)}>
          Deny
        </button>
        <button type="button" disabled={busy} aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Approve with edits…
        </button>
      </div>
      {editing && (
        <form className="stack edit-values" onSubmit={submitEdited} aria-label={`Edit the values of ${approval.title}`}>
          {flat !== null && (
            <label className="inline">
              <input type="checkbox" checked={asJson} onChange={(e) => setAsJson(e.target.checked)} /> Edit as JSON
            </label>
          )}
          {!asJson &&
            Object.entries(values).map(([key, value]) => {
              const id = `${prefix}-arg-${key}`;
              const original = flat?.[key] ?? null;
              if (typeof original === "boolean")
                return (
                  <div key={key} className="row">
                    <input
                      id={id}
                      type="checkbox"
                      checked={value === true}
                      onChange={(e) => setValues({ ...values, [key]: e.target.checked })}
                    />
                    <label htmlFor={id}>{key}</label>
                    <FieldError error={error} field={`arguments.${key}`} />
                  </div>
                );
              return (
                <div key={key} className="stack">
                  <label htmlFor={id}>{key}</label>
                  <input
                    id={id}
                    type={typeof original === "number" ? "number" : "text"}
                    step="any"
                    value={value === null ? "" : String(value)}
                    onChange={(e) => setValues({ ...values, [key]: readScalar(original, e.target.value) })}
                    aria-describedby={`${id}-error`}
                  />
                  <FieldError error={error} field={`arguments.${key}`} id={`${id}-error`} />
                </div>
              );
            })}
          {asJson && (
            <>
              <CodeField
                label="Edited values (JSON)"
                language="json"
                value={jsonText}
                onChange={setJsonText}
                minLines={6}
              />
              <FieldError error={error} field="arguments" />
            </>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Approve with these values
            </button>
          </div>
        </form>
      )}
      <ErrorBox error={error} title="Not answered" />
    </div>
  );
}
