import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meta } from '../../contract/health.ts';
import type { Overview } from '../../contract/overview.ts';
import type { Readiness } from '../../contract/readiness.ts';
import { pageRequests } from '../../server/readiness/pageRequests.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { firstStart, type FirstStart } from '../helpers/firstStart.ts';

/**
 * Pages computed ahead: a first start computes every page's first requests
 * before it shows the dashboard, and after a later ingest (through the API, as
 * the cron's runs go) the server computes them again for the new data, so the
 * first visitor after a change is answered from memory with current figures.
 */
describe('pages computed ahead after each change of the data', () => {
  let start: FirstStart;
  beforeAll(async () => {
    start = await firstStart(800);
    await start.running.ready;
  });
  afterAll(() => start?.stop());

  const readiness = async () => (await (await start.adminFetch('/api/readiness')).json()) as Readiness;
  const untilReadyAfter = async (after: string | null) => {
    for (;;) {
      const r = await readiness();
      if (r.state === 'ready' && r.readyAt !== after) return r;
      await new Promise((ok) => setTimeout(ok, 200));
    }
  };
  const allRequests = async () => {
    const meta = (await (await start.adminFetch('/api/meta')).json()) as Meta;
    return [...new Set(Object.values(pageRequests(meta.maxDay)).flat())];
  };

  it('computes the pages as the last step of the first start', async () => {
    const prep = await start.preparing();
    const pages = prep.steps.find((s) => s.step === 'pages');
    expect(pages?.status).toBe('done');
    const r = await untilReadyAfter(null);
    expect(r.failed).toEqual([]);
    expect(r.total).toBe((await allRequests()).length);
    expect(pages).toMatchObject({ done: r.total, total: r.total });
    for (const url of await allRequests()) {
      const res = await start.adminFetch(url);
      expect([url, res.status, res.headers.get('x-cache')]).toEqual([url, 200, 'hit']);
    }
  });

  it('computes them again after an ingest, answering the first visitor from memory with the new data', async () => {
    const before = await untilReadyAfter(null);
    const meta = (await (await start.adminFetch('/api/meta')).json()) as Meta;
    const day = meta.maxDay!;
    const url = `/api/overview?from=${day}&to=${day}`;
    // A question nobody asked yet is computed when asked; the pages' own first requests are computed ahead.
    const overviewBefore = (await (await start.adminFetch(url)).json()) as Overview;
    const inbox = path.join(start.running.deps.cfg.dataDir, 'later');
    const file = writeNdjson(inbox, 'sessions_late.ndjson', [
      session('late-1', 'newcomer-1', `${day}T10:00:00Z`),
      session('late-2', 'newcomer-2', `${day}T11:00:00Z`),
    ]);
    const ingest = await fetch(`${start.running.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${start.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paths: [file] }),
    });
    expect(ingest.status).toBe(200);
    // The request ends with the comrade pairs' count, which waits until the pages are computed ahead; it writes
    // only what no cached answer reads, so they stay ready.
    const atAnswer = await readiness();
    expect([atAnswer.state, atAnswer.readyAt === before.readyAt]).toEqual(['ready', false]);
    const after = await untilReadyAfter(before.readyAt);
    expect(after.failed).toEqual([]);
    const first = await start.adminFetch('/api/overview');
    expect([first.status, first.headers.get('x-cache')]).toEqual([200, 'hit']);
    const asked = (await (await start.adminFetch(url)).json()) as Overview;
    expect(asked.kpis.dau).toBe(overviewBefore.kpis.dau + 2);
  });
});
