import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/client";
import { FieldError } from "../../components/ErrorBox";
import { useSession } from "../../session";

/** Only same-site paths: `next` comes from the address bar. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/flows";
}

export function LoginPage() {
  const { me, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to={safeNext(params.get("next"))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      navigate(safeNext(params.get("next")), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const general = error && !(error instanceof ApiError && error.details.length > 0);
  return (
    <main className="login" id="main">
      <form onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">Sign in to Flowline</h1>
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-describedby="login-email-error"
          required
          autoFocus
        />
        <FieldError error={error} field="email" id="login-email-error" />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="login-password-error"
          required
        />
        <FieldError error={error} field="password" id="login-password-error" />
        {general ? (
          <p className="error-box" role="alert">
            {errorMessage(error)}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
