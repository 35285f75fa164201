// The one way the console talks to Flowline: its public API under /api/v1, with the
// session cookie and, on writes, the CSRF token that login returned. No API key ever
// lives in the page. Every failure becomes an ApiError carrying the API's own message
// and field details, so pages show what the server said instead of failing silently.

export const API_BASE = "/api/v1";
const CSRF_KEY = "flowline.csrf";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export interface FieldProblem {
  field: string;
  problem: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];

  constructor(status: number, code: string, message: string, details: FieldProblem[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The problem the API named for this field (or one inside it), if any. */
  forField(field: string): string | undefined {
    return this.details.find((d) => d.field === field || d.field.startsWith(`${field}.`))
      ?.problem;
  }
}

export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  size: number;
  pages: number;
}

// The CSRF token is readable only once, in the login answer; it is kept in
// localStorage so a reload or a second tab can still write. It protects against other
// sites' forms, not against script on this page, so this storage loses nothing.
export const csrf = {
  get: (): string | null => localStorage.getItem(CSRF_KEY),
  set: (token: string) => localStorage.setItem(CSRF_KEY, token),
  clear: () => localStorage.removeItem(CSRF_KEY),
};

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the API answers 401 or a CSRF failure: the session is gone. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE.has(method)) {
    const token = csrf.get();
    if (token) headers["X-CSRF-Token"] = token;
  }
  let response: Response;
  try {
    response = await fetch(API_BASE + withQuery(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "Cannot reach the Flowline server. Check the connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const body = (parsed ?? {}) as { error?: string; message?: string; details?: FieldProblem[] };
    const error = new ApiError(
      response.status,
      body.error ?? `HTTP_${response.status}`,
      body.message ?? `The server answered ${response.status} ${response.statusText}.`,
      Array.isArray(body.details) ? body.details : [],
    );
    if (response.status === 401 || error.code === "CSRF_FAILED") {
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("POST", path, { body, headers }),
  put: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("PUT", path, { body, headers }),
  patch: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("PATCH", path, { body, headers }),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** A message for any thrown value, for places that show an error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
