// Who is signed in. The session itself is the HttpOnly cookie the API sets at login;
// the page only knows the user (from GET auth/me) and the CSRF token.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, csrf, onUnauthorized } from "./api/client";
import { live } from "./api/live";

export interface User {
  id: string;
  email: string;
  name?: string | null;
  role: string;
}

interface Me {
  user: User;
  scopes: string[];
}

interface SessionValue {
  /** undefined while the first look-up runs, null when signed out. */
  me: Me | null | undefined;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (scope: string) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const signedOut = useCallback(() => {
    csrf.clear();
    live.close();
    setMe(null);
  }, []);

  useEffect(() => {
    const stop = onUnauthorized(signedOut);
    api
      .get<{ data: Me }>("/auth/me")
      .then((answer) => setMe(answer.data))
      .catch(() => setMe(null));
    return stop;
  }, [signedOut]);

  const login = useCallback(async (email: string, password: string) => {
    const answer = await api.post<{ data: { csrf_token: string } }>("/auth/login", { email, password });
    csrf.set(answer.data.csrf_token);
    const who = await api.get<{ data: Me }>("/auth/me");
    setMe(who.data);
  }, []);

  // Only an answer from the server ends the session (it clears the HttpOnly cookie); a
  // failed request leaves it signed in and says so. A 401 means it had already ended.
  const logout = useCallback(async () => {
    try {
      await api.post("/auth/logout");
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    signedOut();
  }, [signedOut]);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      login,
      logout,
      can: (scope: string) => {
        if (!me) return false;
        const [area] = scope.split(":");
        return me.scopes.includes(scope) || me.scopes.includes(`${area}:write`) || me.scopes.includes("admin");
      },
    }),
    [me, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
