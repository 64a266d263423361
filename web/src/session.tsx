/** The signed-in user (GET /api/me) for the whole app. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api';

export interface Me {
  user: { id: string; email: string; displayName: string };
  organisation: { id: string; type: string; name: string } | null;
  role: string | null;
  memberships: { organisationId: string; name: string; type: string; role: string; isDemo: boolean }[];
  mfa: { enrolled: boolean; required: boolean; pending: boolean };
  permissions: Record<string, boolean> | null;
  csrfToken: string | null;
}

const Ctx = createContext<{ me: Me | null; loading: boolean; refresh: () => Promise<Me | null>; can: (p: string) => boolean }>({
  me: null,
  loading: true,
  refresh: async () => null,
  can: () => false,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const m = await api<Me>('GET', '/api/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
      return m;
    } catch {
      setCsrfToken(null);
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const can = (p: string) => Boolean(me?.permissions?.[p]);
  return <Ctx.Provider value={{ me, loading, refresh, can }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
