import { ApiError, errorMessage } from "../api/client";

/** An error as the API worded it, with the fields it named. */
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="error-box" role="alert">
      {title && <strong>{title}: </strong>}
      {errorMessage(error)}
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.field}</code>: {d.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The inline problem under one form field, if the API named it. */
export function FieldError({ error, field, id }: { error: unknown; field: string; id?: string }) {
  const problem = error instanceof ApiError ? error.forField(field) : undefined;
  if (!problem) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {problem}
    </span>
  );
}
