import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';

/**
 * Loads a GET endpoint; `reload` fetches it again. When the URL changes while a request is in flight
 * (a search box being typed into), only the answer for the latest URL is kept.
 */
export function useApi<T>(url: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(url);
  latest.current = url;
  const reload = useCallback(async () => {
    if (!url) return;
    setLoading(true);
    try {
      const d = await api<T>('GET', url);
      if (latest.current !== url) return;
      setData(d);
      setError(null);
    } catch (e) {
      if (latest.current !== url) return;
      setError(e);
    } finally {
      if (latest.current === url) setLoading(false);
    }
  }, [url]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}
