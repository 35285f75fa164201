import { useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import type { Envelope } from "../../api/types";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { ShownOnce, orNull, useAction } from "./common";
import { ListTable } from "../../components/ListTable";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  is_active: boolean;
  version: number;
}

const ROLES: [string, string][] = [
  ["viewer", "read everything of the organisation; write nothing"],
  ["member", "read; write KV, secrets, flows, runs, agents, approvals, schedules, channels, knowledge, skills; chat"],
  ["admin", "everything in the organisation, including users, groups, usage and budgets"],
  ["owner", "as admin; only owners make owners; an organisation always keeps one active owner"],
];

export function useUsers() {
  return useApi((signal) => api.get<Page<UserRow>>("/users", { size: 100 }, signal), []);
}

/** Users of the organisation and their roles; nobody gives a role above their own. */
export function Users() {
  const { can, me } = useSession();
  const users = useUsers();
  const action = useAction();
  const writable = can("users:write");

  async function change(user: UserRow, fields: Record<string, unknown>) {
    if (await action.run(() => api.patch(`/users/${user.id}`, { ...fields, expected_version: user.version })))
      await users.reload();
  }

  async function remove(user: UserRow) {
    if (await action.run(() => api.delete(`/users/${user.id}`))) await users.reload();
  }

  return (
    <div className="stack">
      <ErrorBox error={users.error} />
      <ErrorBox error={action.error} title="Not changed" />
      {users.data && (
        <ListTable headers={["User", "Role", "Active", ""]}>
          {users.data.data.map((user) => (
            <tr key={user.id}>
              <td>
                {user.name || user.email}
                <div className="muted">
                  {user.email} · <span className="mono">{user.id}</span>
                </div>
              </td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  disabled={!writable || user.id === me?.user.id}
                  onChange={(e) => void change(user, { role: e.target.value })}
                >
                  {ROLES.map(([role]) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${user.email} may sign in`}
                  checked={user.is_active}
                  disabled={!writable || user.id === me?.user.id}
                  onChange={(e) => void change(user, { is_active: e.target.checked })}
                />
              </td>
              <td>
                {writable && user.id !== me?.user.id && (
                  <button type="button" className="danger" aria-label={`Remove ${user.email}`} onClick={() => void remove(user)}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {writable && <NewUser onCreated={() => void users.reload()} />}
      <h2>Roles</h2>
      <table className="list">
        <tbody>
          {ROLES.map(([role, may]) => (
            <tr key={role}>
              <th scope="row">{role}</th>
              <td>{may}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">API keys can be narrowed further with scopes (API keys page).</p>
    </div>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("member");
  const [password, setPassword] = useState<{ email: string; value: string } | null>(null);
  const action = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const answer = await api.post<Envelope<UserRow & { password: string | null }>>("/users", {
        email,
        name: orNull(name) ?? "",
        role,
      });
      if (answer.data.password) setPassword({ email: answer.data.email, value: answer.data.password });
      setEmail("");
      setName("");
      onCreated();
    });
  }

  return (
    <>
      {password && (
        <ShownOnce label={`Password of ${password.email}`} value={password.value} onDone={() => setPassword(null)} />
      )}
      <form className="form-grid panel" onSubmit={submit} aria-label="Add a user">
        <h2 className="full">Add a user</h2>
        <label htmlFor="user-email">Email</label>
        <div className="stack">
          <input id="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <FieldError error={action.error} field="email" />
        </div>
        <label htmlFor="user-name">Name</label>
        <input id="user-name" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="user-role">Role</label>
        <div className="stack">
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map(([r]) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <FieldError error={action.error} field="role" />
        </div>
        <div className="full">
          <ErrorBox error={action.error} title="Not added" />
          <button type="submit" className="primary" disabled={action.busy}>
            Add user
          </button>
          <span className="muted"> A password is made for them and shown once.</span>
        </div>
      </form>
    </>
  );
}
