// Server-sent events from the API: a POST that answers a stream (a chat turn, read with
// fetch since EventSource cannot POST) and a GET stream followed with EventSource (a
// conversation), which reconnects by itself and resumes after the last event id.
import { createParser } from "eventsource-parser";
import { API_BASE, ApiError, csrf, type FieldProblem } from "./client";

export interface StreamEvent {
  id?: string;
  type: string;
  data: Record<string, unknown>;
}

async function failure(response: Response): Promise<ApiError> {
  let body: { error?: string; message?: string; details?: FieldProblem[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON: the status says enough.
  }
  return new ApiError(
    response.status,
    body.error ?? `HTTP_${response.status}`,
    body.message ?? `The server answered ${response.status} ${response.statusText}.`,
    Array.isArray(body.details) ? body.details : [],
  );
}

function parse(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : { value };
  } catch {
    return { text: data };
  }
}

/**
 * POST `body` and read the answer's events until the stream ends. A refusal before the
 * stream begins (402, 404, 422…) throws the API's ApiError; a cut connection throws a
 * NETWORK ApiError after the events that did arrive.
 */
export async function postStream(
  path: string,
  body: unknown,
  onEvent: (event: StreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = {
    Accept: "text/event-stream",
    "Content-Type": "application/json",
  };
  const token = csrf.get();
  if (token) headers["X-CSRF-Token"] = token;
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "Cannot reach the Flowline server. Check the connection and try again.");
  }
  if (!response.ok) throw await failure(response);
  if (!response.body) return;
  const parser = createParser({
    onEvent: (message) => onEvent({ id: message.id, type: message.event ?? "message", data: parse(message.data) }),
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "The connection to the server was cut while the answer streamed in.");
  }
}

export type StreamState = "connecting" | "open" | "reconnecting" | "failed";

/**
 * Follow a GET event stream (`types`: the event names wanted). EventSource reconnects by
 * itself and sends Last-Event-ID; when the server refuses (the stream is gone), it stops
 * and the state says "failed". Returns the function that closes it.
 */
export function followStream(
  path: string,
  types: string[],
  onEvent: (event: StreamEvent) => void,
  onState: (state: StreamState) => void,
): () => void {
  const source = new EventSource(API_BASE + path, { withCredentials: true });
  onState("connecting");
  source.onopen = () => onState("open");
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? "failed" : "reconnecting");
  for (const type of types) {
    source.addEventListener(type, (message) => {
      const event = message as MessageEvent<string>;
      onEvent({ id: event.lastEventId, type, data: parse(event.data) });
    });
  }
  return () => source.close();
}
