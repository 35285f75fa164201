import { NavLink, useParams } from "react-router";
import { NotFound } from "../../components/NotFound";
import { ApiKeys } from "./ApiKeys";
import { Groups } from "./Groups";
import { Kv } from "./Kv";
import { Models } from "./Models";
import { Schedules } from "./Schedules";
import { Secrets } from "./Secrets";
import { UsageBudgets } from "./UsageBudgets";
import { Users } from "./Users";
import "../people.css";

const SECTIONS = [
  ["kv", "KV store", Kv],
  ["secrets", "Secrets", Secrets],
  ["api-keys", "API keys", ApiKeys],
  ["users", "Users and roles", Users],
  ["groups", "Groups", Groups],
  ["schedules", "Schedules", Schedules],
  ["models", "Models and keys", Models],
  ["usage", "Usage and budgets", UsageBudgets],
] as const;

export function SettingsPage() {
  const { section } = useParams();
  const found = SECTIONS.find(([key]) => key === section);
  if (!found) return <NotFound />;
  const [, title, Section] = found;
  return (
    <div className="settings">
      <nav className="subnav" aria-label="Settings">
        {SECTIONS.map(([key, label]) => (
          <NavLink key={key} to={`/settings/${key}`}>
            {label}
          </NavLink>
        ))}
      </nav>
      <section>
        <h1>{title}</h1>
        <Section />
      </section>
    </div>
  );
}
