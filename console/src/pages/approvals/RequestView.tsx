import { pretty } from "../../components/format";
import type { OutboundRequest } from "./types";

/** An outbound confirmation: the exact request, as it will be sent (secrets shown as ***). */
export function RequestView({ request }: { request: OutboundRequest }) {
  const headers = Object.entries(request.headers ?? {});
  const query = Object.entries(request.query ?? {});
  return (
    <section className="request" aria-label="The request to be sent">
      <p className="mono request-line">
        <strong>{request.method}</strong> {request.url}
      </p>
      {request.credential && (
        <p>
          Credential: <code>{request.credential}</code> (its value is applied when sending; never shown)
        </p>
      )}
      <h3>Headers</h3>
      {headers.length === 0 ? (
        <p className="muted">None besides Flowline's User-Agent.</p>
      ) : (
        <table className="list kv-table">
          <tbody>
            {headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.length > 0 && (
        <>
          <h3>Query</h3>
          <pre>{pretty(request.query)}</pre>
        </>
      )}
      {request.json !== null && request.json !== undefined && (
        <>
          <h3>JSON body</h3>
          <pre>{pretty(request.json)}</pre>
        </>
      )}
      {request.body !== null && request.body !== undefined && (
        <>
          <h3>Body</h3>
          <pre>{typeof request.body === "string" ? request.body : pretty(request.body)}</pre>
        </>
      )}
      <p>
        Request hash (SHA-256 of the sealed request): <code className="hash">{request.request_hash}</code>
      </p>
    </section>
  );
}
