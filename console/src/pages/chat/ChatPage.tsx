// The chat playground: pick an agent, talk to it, see its threads; the conversation
// shows as its timeline, live (Conversation.tsx).
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, type Page } from "../../api/client";
import type { Agent, Conversation as Thread } from "../../api/people";
import { ErrorBox } from "../../components/ErrorBox";
import { when } from "../../components/format";
import { useApi } from "../../components/useApi";
import { Conversation } from "./Conversation";
import "../people.css";

export function ChatPage() {
  const { agentId } = useParams();
  const [params] = useSearchParams();
  const threadId = params.get("thread");
  const navigate = useNavigate();
  const agents = useApi((signal) => api.get<Page<Agent>>("/agents", { size: 100 }, signal), []);
  const threads = useApi(
    (signal) =>
      agentId
        ? api.get<Page<Thread>>("/conversations", { agent_id: agentId, size: 50 }, signal)
        : Promise.resolve(undefined),
    [agentId],
  );

  return (
    <section>
      <h1 className="sr-only">Chat</h1>
      <div className="chat">
        <aside className="chat-threads" aria-label="Threads">
          <label htmlFor="chat-agent">Agent</label>
          <select
            id="chat-agent"
            value={agentId ?? ""}
            onChange={(e) => navigate(e.target.value ? `/chat/${e.target.value}` : "/chat")}
          >
            <option value="">Choose an agent…</option>
            {agents.data?.data.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
          <ErrorBox error={agents.error} />
          {agents.data && agents.data.data.length === 0 && (
            <p className="muted">
              No agents yet: <Link to="/agents">create one</Link>.
            </p>
          )}
          {agentId && (
            <>
              <Link className="button" to={`/chat/${agentId}`}>
                New conversation
              </Link>
              <h2>Threads</h2>
              <ErrorBox error={threads.error} />
              <ul>
                {threads.data?.data.map((thread) => (
                  <li key={thread.id}>
                    <Link
                      to={`/chat/${agentId}?thread=${thread.id}`}
                      className={thread.id === threadId ? "active" : undefined}
                      aria-current={thread.id === threadId ? "page" : undefined}
                      title={`${thread.title || thread.id}, ${when(thread.updated_at)}`}
                    >
                      {thread.title || thread.id}
                    </Link>
                  </li>
                ))}
                {threads.data?.data.length === 0 && <li className="muted">None yet.</li>}
              </ul>
            </>
          )}
        </aside>
        <div className="chat-main">
          {agentId ? (
            <Conversation
              key={agentId}
              agentId={agentId}
              threadId={threadId}
              onThread={(id) => navigate(`/chat/${agentId}?thread=${id}`, { replace: true })}
              onTurnEnded={() => void threads.reload()}
            />
          ) : (
            <p className="muted">Choose an agent to talk to.</p>
          )}
        </div>
      </div>
    </section>
  );
}
