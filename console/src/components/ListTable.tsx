import type { ReactNode } from "react";

/**
 * A list as a table: its column headers ("" for a column of row actions, named for
 * screen readers), its rows, and what to say when there are none (`count` 0).
 */
export function ListTable({
  headers,
  count,
  empty,
  caption,
  children,
}: {
  headers: string[];
  count?: number;
  empty?: ReactNode;
  caption?: string;
  children: ReactNode;
}) {
  return (
    <table className="list">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {headers.map((header, i) => (
            <th key={i}>{header || <span className="sr-only">Actions</span>}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {children}
        {count === 0 && empty && (
          <tr>
            <td colSpan={headers.length} className="muted">
              {empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
