import { Suspense, useState } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useSession } from "../session";
import { ErrorBox } from "./ErrorBox";
import { LiveBanner } from "./LiveBanner";
import type { PageModule } from "../pages/types";

export function Shell({ pages }: { pages: PageModule[] }) {
  const { me, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [signOutError, setSignOutError] = useState<unknown>(null);
  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const nav = pages
    .flatMap((page) => (page.nav ? [page.nav] : []))
    .sort((a, b) => a.order - b.order);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Flowline</span>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" title={me.user.role}>
          {me.user.email}
        </span>
        <button
          type="button"
          onClick={async () => {
            try {
              await logout();
              navigate("/login", { replace: true });
            } catch (error) {
              setSignOutError(error);
            }
          }}
        >
          Sign out
        </button>
      </header>
      <LiveBanner />
      <ErrorBox error={signOutError} title="Still signed in" />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
