// Small pieces the settings sections share.
import { useCallback, useState } from "react";

/** Run a change against the API: busy while it runs, its error kept for the form. */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, setError };
}

/** Something the API shows exactly once (a new API key, a generated password). */
export function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  return (
    <div className="once" role="status">
      <p>
        <strong>{label}</strong>: this is the only time it is shown. Copy it now.
      </p>
      <p>
        <code aria-label={label}>{value}</code>
      </p>
      <div className="row">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </button>
        <button type="button" className="primary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}

export const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());
export const numberOrNull = (text: string): number | null => (text.trim() === "" ? null : Number(text));
