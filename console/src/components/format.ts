/** A time from the API (ISO 8601 UTC) in the reader's locale; "—" for none. */
export function when(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** JSON for people: two-space indent, as it came. */
export function pretty(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}
