import type { StreamState } from "../api/sse";

/** Where a followed event stream stands; when it stopped, a button to connect again. */
export function StreamStatus({ state, onRetry }: { state: StreamState | null; onRetry: () => void }) {
  if (state === null) return null;
  if (state === "open") return <span className="muted" role="status">Live</span>;
  if (state === "connecting") return <span className="muted" role="status">Connecting…</span>;
  if (state === "reconnecting")
    return (
      <span className="banner-warn" role="status">
        Lost the connection to the live stream; reconnecting…
      </span>
    );
  return (
    <span className="banner-error" role="alert">
      The live stream stopped.{" "}
      <button type="button" onClick={onRetry}>
        Reconnect
      </button>
    </span>
  );
}
