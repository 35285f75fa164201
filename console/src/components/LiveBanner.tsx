import { useEffect, useState } from "react";
import { live, type LiveState } from "../api/live";

/** Says so when the live connection is lost, and when it is back. */
export function LiveBanner() {
  const [state, setState] = useState<LiveState>(live.getState());
  useEffect(() => live.onState(setState), []);
  if (state === "reconnecting")
    return (
      <div className="banner banner-warn" role="status">
        Live updates lost the connection to the server; reconnecting…
      </div>
    );
  if (state === "unauthorized")
    return (
      <div className="banner banner-error" role="alert">
        Live updates stopped: the session is no longer valid. Sign in again.
      </div>
    );
  return null;
}
