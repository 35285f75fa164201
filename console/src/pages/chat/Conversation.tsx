// One conversation: its timeline (GET conversations/{id}/timeline), kept current by the
// conversation's event stream (reconnecting, and saying so), and the turn in progress,
// whose tokens and tool calls stream in from the chat's own SSE answer.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { api, ApiError, type Page } from "../../api/client";
import type { TimelineItem } from "../../api/people";
import { followStream, postStream, type StreamEvent, type StreamState } from "../../api/sse";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { pretty } from "../../components/format";
import { useSession } from "../../session";
import { StreamStatus } from "../../components/StreamStatus";
import { TimelineView } from "./TimelineView";

interface LiveCall {
  id: string;
  tool: string;
  arguments: unknown;
  result?: unknown;
  done: boolean;
}

interface LiveTurn {
  user: string;
  text: string;
  calls: LiveCall[];
  waiting: boolean;
}

const PAGE = 100;
// Events of the conversation's stream that change what the timeline shows.
const STORED = [
  "run.started",
  "message.completed",
  "run.completed",
  "tool_call.completed",
  "approval.requested",
  "approval.resolved",
  "question.asked",
  "question.answered",
  "run.waiting",
  "run.succeeded",
  "run.failed",
  "run.cancelled",
  "error",
];

/** The timeline's last page (oldest first within it), and whether earlier items exist. */
async function loadTimeline(threadId: string): Promise<{ items: TimelineItem[]; earlier: number }> {
  const first = await api.get<Page<TimelineItem>>(`/conversations/${threadId}/timeline`, { size: PAGE });
  if (first.pages <= 1) return { items: first.data, earlier: 0 };
  const last = await api.get<Page<TimelineItem>>(`/conversations/${threadId}/timeline`, {
    size: PAGE,
    page: first.pages - 1,
  });
  return { items: last.data, earlier: first.total - last.data.length };
}

export function Conversation({
  agentId,
  threadId,
  onThread,
  onTurnEnded,
}: {
  agentId: string;
  threadId: string | null;
  onThread: (id: string) => void;
  onTurnEnded: () => void;
}) {
  const { can } = useSession();
  const [timeline, setTimeline] = useState<{ items: TimelineItem[]; earlier: number } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [live, setLive] = useState<LiveTurn | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [streamState, setStreamState] = useState<StreamState | null>(null);
  const [streamKey, setStreamKey] = useState(0);
  const [text, setText] = useState("");
  const liveRef = useRef(false);
  const threadRef = useRef(threadId);
  threadRef.current = threadId;
  const logRef = useRef<HTMLDivElement>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    const id = threadRef.current;
    if (!id) {
      setTimeline(null);
      return;
    }
    try {
      const loaded = await loadTimeline(id);
      if (threadRef.current === id) {
        setTimeline(loaded);
        setLoadError(null);
      }
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);

  const reloadSoon = useCallback(() => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void reload(), 250);
  }, [reload]);

  useEffect(() => {
    setTimeline(null);
    void reload();
  }, [threadId, reload]);

  // The conversation's stream: turns started elsewhere, approvals answered in the inbox.
  useEffect(() => {
    if (!threadId) {
      setStreamState(null);
      return;
    }
    return followStream(
      `/conversations/${threadId}/stream`,
      STORED,
      () => {
        if (!liveRef.current) reloadSoon();
      },
      setStreamState,
    );
  }, [threadId, streamKey, reloadSoon]);

  useEffect(() => () => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
  }, []);

  // Keep the newest line in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [timeline, live]);

  function onEvent(event: StreamEvent) {
    const data = event.data;
    switch (event.type) {
      case "run.started":
        if (typeof data.thread_id === "string" && data.thread_id !== threadRef.current) {
          threadRef.current = data.thread_id;
          onThread(data.thread_id);
        }
        break;
      case "message.delta":
        setLive((l) => (l ? { ...l, text: l.text + String(data.text ?? "") } : l));
        break;
      case "tool_call.started":
        setLive((l) =>
          l
            ? { ...l, calls: [...l.calls, { id: String(data.id), tool: String(data.tool), arguments: data.arguments, done: false }] }
            : l,
        );
        break;
      case "tool_call.completed":
        setLive((l) =>
          l
            ? { ...l, calls: l.calls.map((c) => (c.id === String(data.id) ? { ...c, result: data.result, done: true } : c)) }
            : l,
        );
        break;
      case "approval.requested":
      case "question.asked":
        // Stored: the timeline now holds the turn so far, with the question to answer.
        setLive((l) => (l ? { user: "", text: "", calls: [], waiting: true } : l));
        void reload();
        break;
      case "message.completed":
      case "run.completed":
        setLive((l) => (l ? { user: "", text: "", calls: [], waiting: false } : l));
        void reload();
        break;
      case "error":
        setSendError(new ApiError(0, String(data.error ?? "ERROR"), String(data.message ?? "The turn failed.")));
        break;
    }
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const message = text.trim();
    if (!message || liveRef.current) return;
    setSendError(null);
    setLive({ user: message, text: "", calls: [], waiting: false });
    setText("");
    liveRef.current = true;
    try {
      await postStream(
        `/agents/${agentId}/chat`,
        { messages: message, ...(threadRef.current ? { thread_id: threadRef.current } : {}), stream: true },
        onEvent,
      );
    } catch (caught) {
      setSendError(caught);
      // Refused before the turn began: the message is back in the box to send again.
      if (caught instanceof ApiError && caught.status >= 400) setText((t) => t || message);
    } finally {
      liveRef.current = false;
      setLive(null);
      await reload();
      onTurnEnded();
    }
  }

  function onKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <>
      <div className="toolbar">
        <strong>{threadId ? `Thread ${threadId}` : "New conversation"}</strong>
        <span className="spacer" />
        <StreamStatus state={streamState} onRetry={() => setStreamKey((k) => k + 1)} />
      </div>
      <ErrorBox error={loadError} title="The conversation could not be loaded" />
      <div className="chat-log" ref={logRef} aria-label="Conversation" role="log" aria-live="polite">
        {timeline && timeline.earlier > 0 && (
          <p className="muted">{timeline.earlier} earlier items are not shown.</p>
        )}
        {timeline && <TimelineView items={timeline.items} onChanged={() => void reload()} />}
        {!threadId && !live && <p className="muted">Say something to start a conversation.</p>}
        {live && (
          <>
            {live.user && <div className="bubble user">{live.user}</div>}
            {live.calls.map((call) => (
              <details key={call.id} className="tool-call" open>
                <summary>
                  <code>{call.tool}</code> {call.done ? <span className="badge succeeded">done</span> : <span className="badge running">running</span>}
                </summary>
                <pre>{pretty(call.arguments)}</pre>
                {call.done && <pre>{pretty(call.result)}</pre>}
              </details>
            ))}
            {live.text && <div className="bubble assistant">{live.text}</div>}
            {!live.text && !live.waiting && <p className="muted" role="status">The agent is working…</p>}
            {live.waiting && <p className="muted" role="status">Waiting for the answer above…</p>}
          </>
        )}
      </div>
      <ErrorBox error={sendError} title="The message was not answered" />
      {can("agents:chat") && (
        <form className="composer" onSubmit={send}>
          <label htmlFor="chat-message" className="sr-only">
            Message
          </label>
          <textarea
            id="chat-message"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            placeholder="Message (Enter sends, Shift+Enter for a new line)"
            aria-describedby="chat-message-error"
          />
          <FieldError error={sendError} field="messages" id="chat-message-error" />
          <button type="submit" className="primary" disabled={live !== null || !text.trim()}>
            Send
          </button>
        </form>
      )}
    </>
  );
}
