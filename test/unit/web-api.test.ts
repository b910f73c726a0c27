import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiUrl,
  errorMessage,
  fitModels,
  getIngestStatus,
  getOverview,
  signIn,
  signOut,
  useCsrfToken,
  whenUnauthorized,
} from '../../web/src/lib/api.ts';
import { withParams } from '../../web/src/lib/url.ts';

function respond(status: number, body: string, statusText = '') {
  const fetchMock = vi.fn(async (_url: string) => new Response(body, { status, statusText }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  useCsrfToken(null);
  whenUnauthorized(() => {});
});

describe('apiUrl', () => {
  it('drops empty parameters so the server applies its defaults', () => {
    expect(apiUrl('overview', { from: '2024-01-01', to: '', server: 's01' })).toBe('/api/overview?from=2024-01-01&server=s01');
    expect(apiUrl('overview', { from: '', to: '', server: '' })).toBe('/api/overview');
  });
});

describe('api functions', () => {
  it('return the parsed JSON of a 2xx answer', async () => {
    const fetchMock = respond(200, JSON.stringify({ ledger: [], quarantine: { total: 0, byReason: [], recent: [] }, lastRun: null }));
    const status = await getIngestStatus();
    expect(status.lastRun).toBeNull();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/ingest/status');
  });

  it('throw an ApiError carrying the server message on a 4xx', async () => {
    const fetchMock = respond(400, JSON.stringify({ error: 'from must not be after to' }));
    const err = await getOverview({ from: '2024-02-01', to: '2024-01-01', server: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('from must not be after to');
    expect((err as ApiError).status).toBe(400);
    expect(fetchMock.mock.calls[0][0]).toBe('/api/overview?from=2024-02-01&to=2024-01-01');
  });

  it('fall back to the status line when the error body is not JSON', async () => {
    respond(502, '<html>Bad Gateway</html>', 'Bad Gateway');
    await expect(getIngestStatus()).rejects.toThrow('502 Bad Gateway');
  });

  it('reject a 2xx answer that is not JSON', async () => {
    respond(200, '<html></html>');
    await expect(getIngestStatus()).rejects.toThrow('did not return JSON');
  });
});

describe('sessions', () => {
  const headersOf = (mock: ReturnType<typeof respond>, call = 0) => new Headers((mock.mock.calls[call] as unknown as [string, RequestInit])[1].headers);

  it('send the CSRF token of the session on state-changing requests only', async () => {
    useCsrfToken('csrf-123');
    const mock = respond(200, JSON.stringify({ ledger: [], quarantine: { total: 0, byReason: [], recent: [] }, lastRun: null }));
    await getIngestStatus();
    await fitModels().catch(() => {});
    expect(headersOf(mock, 0).get('x-csrf-token')).toBeNull();
    expect(headersOf(mock, 1).get('x-csrf-token')).toBe('csrf-123');
    useCsrfToken(null); // an API token's session: no CSRF token
    await fitModels().catch(() => {});
    expect(headersOf(mock, 2).get('x-csrf-token')).toBeNull();
  });

  it('report a 401 so the app shows the sign-in page, but not the 401 of a wrong password', async () => {
    const lost = vi.fn();
    whenUnauthorized(lost);
    respond(401, JSON.stringify({ error: 'your session has expired; sign in again', code: 'session_expired' }));
    const err = await getOverview({}).catch((e: unknown) => e);
    expect(lost).toHaveBeenCalledTimes(1);
    expect((err as ApiError).code).toBe('session_expired');
    respond(401, JSON.stringify({ error: 'wrong user name or password', code: 'bad_credentials' }));
    await expect(signIn('vera', 'nope')).rejects.toMatchObject({ status: 401, code: 'bad_credentials' });
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('word refusals in the user language and keep other server messages', async () => {
    respond(403, JSON.stringify({ error: 'this needs the operator role or higher; v is viewer', needed: 'operator' }));
    expect(errorMessage(await fitModels().catch((e: unknown) => e))).toBe('You need the operator role for this.');
    respond(409, JSON.stringify({ error: 'a model refresh is already running' }));
    expect(errorMessage(await fitModels().catch((e: unknown) => e))).toBe('a model refresh is already running');
  });

  it('accept the empty 204 of a sign-out', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(signOut()).resolves.toBeUndefined();
  });
});

describe('withParams', () => {
  it('sets, replaces and removes query parameters', () => {
    expect(withParams('?page=health&lang=zh', { page: 'overview' })).toBe('?page=overview&lang=zh');
    expect(withParams('?from=2024-01-01&server=s1', { from: null, server: '' })).toBe('');
    expect(withParams('', { lang: 'zh' })).toBe('?lang=zh');
  });
});
