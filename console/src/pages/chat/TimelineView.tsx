import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { TimelineItem } from "../../api/people";
import { ErrorBox } from "../../components/ErrorBox";
import { pretty, when } from "../../components/format";
import { useSession } from "../../session";
import { DecisionForm } from "../approvals/DecisionForm";

/** A conversation as its timeline lists it: messages, tool calls, approvals, questions. */
export function TimelineView({ items, onChanged }: { items: TimelineItem[]; onChanged: () => void }) {
  return (
    <>
      {items.map((item, i) => {
        const key = `${item.type}-${item.seq}-${item.id ?? item.approval_id ?? item.question_id ?? i}`;
        switch (item.type) {
          case "message":
            return <Message key={key} item={item} />;
          case "tool_call":
            return <ToolCall key={key} item={item} />;
          case "approval":
            return <InlineApproval key={key} item={item} onChanged={onChanged} />;
          case "question":
            return <InlineQuestion key={key} item={item} onChanged={onChanged} />;
          default:
            return null;
        }
      })}
    </>
  );
}

function Message({ item }: { item: TimelineItem }) {
  const m = item.message;
  if (!m || !m.content) return null;
  const role = m.role === "user" ? "user" : m.role === "assistant" ? "assistant" : "system";
  const meta =
    m.role === "assistant" && m.model
      ? `${m.model} · ${m.input_tokens ?? 0} in / ${m.output_tokens ?? 0} out tokens${m.duration_ms ? ` · ${m.duration_ms} ms` : ""}`
      : when(item.at);
  return (
    <div className={`bubble ${role}`}>
      {m.kind === "summary" && <strong>Summary: </strong>}
      {m.content}
      <span className="meta">{meta}</span>
    </div>
  );
}

function ToolCall({ item }: { item: TimelineItem }) {
  const status = item.outcome ?? item.status ?? "pending";
  return (
    <details className="tool-call">
      <summary>
        Tool <code>{item.tool}</code> <span className={`badge ${status}`}>{status}</span>
      </summary>
      <h3>Arguments</h3>
      <pre>{pretty(item.arguments)}</pre>
      {item.result !== undefined && item.result !== null && (
        <>
          <h3>Result</h3>
          <pre>{pretty(item.result)}</pre>
        </>
      )}
      {item.error !== undefined && item.error !== null && (
        <>
          <h3>Error</h3>
          <pre>{pretty(item.error)}</pre>
        </>
      )}
    </details>
  );
}

function InlineApproval({ item, onChanged }: { item: TimelineItem; onChanged: () => void }) {
  const { can } = useSession();
  const title = `Allow ${item.tool ?? "the tool"} to run?`;
  if (item.status !== "pending")
    return (
      <div className="tool-call">
        Approval of <code>{item.tool}</code>: <span className={`badge ${item.status}`}>{item.status}</span>
        {item.comment && <> ({item.comment})</>}
        {item.edited_arguments !== undefined && item.edited_arguments !== null && (
          <pre>{pretty(item.edited_arguments)}</pre>
        )}
      </div>
    );
  return (
    <section className="inline-ask" aria-label={title}>
      <strong>{title}</strong>
      <pre>{pretty(item.arguments)}</pre>
      {can("runs:write") && item.approval_id ? (
        <DecisionForm
          compact
          approval={{ id: item.approval_id, payload: item.arguments, title }}
          onDecided={onChanged}
        />
      ) : (
        <p className="muted">Waiting for someone who may approve it.</p>
      )}
    </section>
  );
}

function InlineQuestion({ item, onChanged }: { item: TimelineItem; onChanged: () => void }) {
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `answer-${item.question_id}`;

  async function respond(value: string, event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/questions/${item.question_id}/respond`, { answer: value });
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (item.status !== "pending")
    return (
      <div className="tool-call">
        Asked: {item.question} · answer: <strong>{typeof item.answer === "string" ? item.answer : pretty(item.answer)}</strong>
      </div>
    );
  return (
    <section className="inline-ask" aria-label="The agent asks">
      <strong>{item.question}</strong>
      {item.options && item.options.length > 0 && (
        <div className="row">
          {item.options.map((option) => (
            <button key={option} type="button" disabled={busy} onClick={() => void respond(option)}>
              {option}
            </button>
          ))}
        </div>
      )}
      <form className="row" onSubmit={(e) => void respond(answer, e)}>
        <label htmlFor={id}>Your answer</label>
        <input id={id} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
        <button type="submit" className="primary" disabled={busy}>
          Answer
        </button>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}
