// Live events over the API's WebSocket (GET /api/v1/ws, docs/runs.md): one socket for
// the whole console, many run and flow subscriptions on it. When the connection drops,
// the state says so (the shell shows a banner), it reconnects with backoff and
// subscribes again after the last event each subscriber has, so nothing is missed or
// repeated.

import { API_BASE } from "./client";

export interface RunEvent {
  run_id: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

export type LiveState = "idle" | "connecting" | "open" | "reconnecting" | "unauthorized";

interface RunSub {
  afterSeq: number;
  onEvent: (event: RunEvent) => void;
  onEnded?: () => void;
  onError?: (message: string) => void;
}

interface FlowSub {
  onRunStarted: (runId: string) => void;
  onError?: (message: string) => void;
}

type Message =
  | RunEvent
  | { ended: { run: string } }
  | { flow_id: string; run_started: { run: string } }
  | { error: { code: string; message: string; run?: string; flow?: string } };

const MAX_BACKOFF_MS = 5000;

class LiveSocket {
  private socket: WebSocket | null = null;
  private state: LiveState = "idle";
  private readonly runs = new Map<string, Set<RunSub>>();
  private readonly flows = new Map<string, Set<FlowSub>>();
  private readonly stateListeners = new Set<(state: LiveState) => void>();
  private backoff = 250;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  getState(): LiveState {
    return this.state;
  }

  onState(listener: (state: LiveState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Follow a run's events after `afterSeq`; returns the unsubscribe function. */
  followRun(runId: string, sub: RunSub): () => void {
    let subs = this.runs.get(runId);
    if (!subs) this.runs.set(runId, (subs = new Set()));
    subs.add(sub);
    this.ensureOpen();
    this.send({ subscribe: { run: runId, after_seq: sub.afterSeq } });
    return () => {
      const current = this.runs.get(runId);
      if (!current) return;
      current.delete(sub);
      if (current.size === 0) {
        this.runs.delete(runId);
        this.send({ unsubscribe: { run: runId } });
      }
    };
  }

  /** Hear of every run of a flow started from now on. */
  followFlow(flowId: string, sub: FlowSub): () => void {
    let subs = this.flows.get(flowId);
    if (!subs) this.flows.set(flowId, (subs = new Set()));
    subs.add(sub);
    this.ensureOpen();
    this.send({ subscribe: { flow: flowId } });
    return () => {
      const current = this.flows.get(flowId);
      if (!current) return;
      current.delete(sub);
      if (current.size === 0) {
        this.flows.delete(flowId);
        this.send({ unsubscribe: { flow: flowId } });
      }
    };
  }

  /** Sign-out: drop every subscription and the socket. */
  close(): void {
    this.stopped = true;
    this.runs.clear();
    this.flows.clear();
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = null;
    this.setState("idle");
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateListeners.forEach((listener) => listener(state));
  }

  private ensureOpen(): void {
    this.stopped = false;
    if (this.socket || this.timer) return;
    this.connect();
  }

  private connect(): void {
    this.timer = null;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}${API_BASE}/ws`);
    this.socket = socket;
    if (this.state !== "reconnecting") this.setState("connecting");
    socket.onopen = () => {
      this.backoff = 250;
      this.setState("open");
      for (const [runId, subs] of this.runs) {
        const after = Math.min(...[...subs].map((s) => s.afterSeq));
        socket.send(JSON.stringify({ subscribe: { run: runId, after_seq: after } }));
      }
      for (const flowId of this.flows.keys()) {
        socket.send(JSON.stringify({ subscribe: { flow: flowId } }));
      }
    };
    socket.onmessage = (message) => this.dispatch(JSON.parse(String(message.data)) as Message);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === 4401) {
        this.setState("unauthorized");
        return;
      }
      if (this.runs.size === 0 && this.flows.size === 0) {
        this.setState("idle");
        return;
      }
      this.setState("reconnecting");
      this.timer = setTimeout(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    // Otherwise onopen subscribes everything that is wanted at that moment.
  }

  private dispatch(message: Message): void {
    if ("error" in message) {
      const subs = message.error.run
        ? this.runs.get(message.error.run)
        : message.error.flow
          ? this.flows.get(message.error.flow)
          : undefined;
      const all = subs ? [...subs] : [...this.runs.values(), ...this.flows.values()].flatMap((s) => [...s]);
      all.forEach((sub) => sub.onError?.(message.error.message));
      return;
    }
    if ("ended" in message) {
      this.runs.get(message.ended.run)?.forEach((sub) => sub.onEnded?.());
      return;
    }
    if ("run_started" in message) {
      this.flows.get(message.flow_id)?.forEach((sub) => sub.onRunStarted(message.run_started.run));
      return;
    }
    this.runs.get(message.run_id)?.forEach((sub) => {
      if (message.seq <= sub.afterSeq) return;
      sub.afterSeq = message.seq;
      sub.onEvent(message);
    });
  }
}

export const live = new LiveSocket();
