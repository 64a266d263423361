/** The API client: JSON in and out, the CSRF token on every write, errors with both languages. */
export interface ApiProblem {
  where: string;
  messageJa: string;
  messageEn: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageJa: string,
    readonly messageEn: string,
    readonly problems: ApiProblem[] = [],
  ) {
    super(messageEn);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null) => {
  csrfToken = t;
};

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'unknown', e.messageJa ?? '通信に失敗しました', e.messageEn ?? 'Request failed', e.problems ?? []);
  }
  return json as T;
}

export const enc = encodeURIComponent;

/**
 * Sends a file as the request body (not JSON), with the session's CSRF token; answers the JSON reply
 * or throws the server's error with its problems, as `api()` does.
 */
export async function sendFile<T>(method: 'POST' | 'PUT', url: string, file: Blob, contentType: string, csrfToken: string | null): Promise<T> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, { method, headers, body: file, credentials: 'same-origin' });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'unknown', e.messageJa ?? '通信に失敗しました', e.messageEn ?? 'Request failed', e.problems ?? []);
  }
  return json as T;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The error text for the UI language, with each problem on its own line. */
export function errorText(e: unknown, lang: 'ja' | 'en'): string {
  if (e instanceof ApiError) {
    const head = lang === 'ja' ? e.messageJa : e.messageEn;
    const lines = e.problems.map((p) => (lang === 'ja' ? p.messageJa : p.messageEn));
    return [head, ...lines].join('\n');
  }
  return String((e as Error)?.message ?? e);
}
