import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUrl, getIngestStatus, getOverview } from '../../web/src/lib/api.ts';
import { withParams } from '../../web/src/lib/url.ts';

function respond(status: number, body: string, statusText = '') {
  const fetchMock = vi.fn(async (_url: string) => new Response(body, { status, statusText }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
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

describe('withParams', () => {
  it('sets, replaces and removes query parameters', () => {
    expect(withParams('?page=health&lang=zh', { page: 'overview' })).toBe('?page=overview&lang=zh');
    expect(withParams('?from=2024-01-01&server=s1', { from: null, server: '' })).toBe('');
    expect(withParams('', { lang: 'zh' })).toBe('?lang=zh');
  });
});
