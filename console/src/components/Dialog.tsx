import { useEffect, useRef, type ReactNode } from "react";

/** A modal <dialog>: focus moves in, Escape and the Close button close it. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `dialog-${title.replace(/\W+/g, "-").toLowerCase()}`;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={titleId} className={wide ? "wide" : undefined}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={() => ref.current?.close()} aria-label="Close">
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
