import { useState, type FormEvent } from "react";
import { api, type Page } from "../../api/client";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useApi } from "../../components/useApi";
import { useSession } from "../../session";
import { orNull, useAction } from "./common";
import { useUsers } from "./Users";
import { ListTable } from "../../components/ListTable";

interface Group {
  id: string;
  name: string;
  description: string;
  member_count: number;
}

interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
}

/** Groups name a team for approvals; members are added from the organisation's users. */
export function Groups() {
  const { can } = useSession();
  const groups = useApi((signal) => api.get<Page<Group>>("/groups", { size: 100 }, signal), []);
  const [open, setOpen] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const action = useAction();
  const writable = can("groups:write");

  async function create(event: FormEvent) {
    event.preventDefault();
    if (await action.run(() => api.post("/groups", { name, description: orNull(description) ?? "" }))) {
      setName("");
      setDescription("");
      await groups.reload();
    }
  }

  async function remove(group: Group) {
    if (await action.run(() => api.delete(`/groups/${group.id}`))) {
      if (open === group.id) setOpen(null);
      await groups.reload();
    }
  }

  return (
    <div className="stack">
      <ErrorBox error={groups.error} />
      <ErrorBox error={action.error} />
      {groups.data && (
        <ListTable headers={["Group", "Members", ""]} count={groups.data.data.length} empty={<>No groups yet.</>}>
          {groups.data.data.map((group) => (
            <tr key={group.id}>
              <td>
                {group.name}
                <div className="muted">
                  {group.description} <span className="mono">{group.id}</span>
                </div>
                {open === group.id && <Members group={group} onChanged={() => void groups.reload()} />}
              </td>
              <td>{group.member_count}</td>
              <td className="row">
                <button
                  type="button"
                  aria-expanded={open === group.id}
                  aria-label={`Members of ${group.name}`}
                  onClick={() => setOpen(open === group.id ? null : group.id)}
                >
                  Members
                </button>
                {writable && (
                  <button type="button" className="danger" aria-label={`Delete ${group.name}`} onClick={() => void remove(group)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {writable && (
        <form className="form-grid panel" onSubmit={create} aria-label="New group">
          <h2 className="full">New group</h2>
          <label htmlFor="group-name">Name</label>
          <div className="stack">
            <input id="group-name" value={name} onChange={(e) => setName(e.target.value)} required />
            <FieldError error={action.error} field="name" />
          </div>
          <label htmlFor="group-description">Description</label>
          <input id="group-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          <div className="full">
            <button type="submit" className="primary" disabled={action.busy}>
              Create group
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function Members({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const { can } = useSession();
  const members = useApi(
    (signal) => api.get<Page<Member>>(`/groups/${group.id}/members`, { size: 100 }, signal),
    [group.id],
  );
  const users = useUsers();
  const [adding, setAdding] = useState("");
  const action = useAction();
  const writable = can("groups:write");
  const inGroup = new Set(members.data?.data.map((m) => m.id));

  async function change(work: () => Promise<unknown>) {
    if (await action.run(work)) {
      await members.reload();
      onChanged();
    }
  }

  return (
    <div className="stack panel">
      <ErrorBox error={members.error} />
      <ErrorBox error={action.error} />
      <ul>
        {members.data?.data.map((member) => (
          <li key={member.id} className="row">
            {member.name || member.email} <span className="muted">{member.email}</span>
            {writable && (
              <button
                type="button"
                aria-label={`Remove ${member.email} from ${group.name}`}
                onClick={() => void change(() => api.delete(`/groups/${group.id}/members/${member.id}`))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
        {members.data?.data.length === 0 && <li className="muted">No members.</li>}
      </ul>
      {writable && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void change(() => api.post(`/groups/${group.id}/members`, { user_ids: [adding] }));
          }}
        >
          <label htmlFor={`add-${group.id}`}>Add</label>
          <select id={`add-${group.id}`} value={adding} onChange={(e) => setAdding(e.target.value)} required>
            <option value="">a user…</option>
            {users.data?.data
              .filter((u) => !inGroup.has(u.id))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email}
                </option>
              ))}
          </select>
          <button type="submit">Add member</button>
          <FieldError error={action.error} field="user_ids" />
        </form>
      )}
    </div>
  );
}
