import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { session, writeNdjson } from '../helpers/files.ts';

/**
 * The API's response cache on a real engine: P1 plays on 2026-03-10, so the
 * overview of that day says DAU 1; after P2's session of the same day is
 * ingested through the server's own engine it must say DAU 2, never the old 1.
 */
let rig: ApiRig;
const get = (p: string) => rig.get(p);
const ingest = async (engine: TestEngine, name: string, rows: object[]) =>
  engine.ingester.run({ paths: [writeNdjson(path.join(engine.dir, 'in'), name, rows)], source: 'cli' });

beforeAll(async () => {
  rig = await startApi((engine) => ingest(engine, 'sessions_1.ndjson', [session('e1', 'P1', '2026-03-10T10:00:00Z')]).then(() => {}));
});
afterAll(() => rig?.close());

const OVERVIEW = '/api/overview?from=2026-03-10&to=2026-03-10';

describe('API response cache', () => {
  it('answers a repeated request from memory with the same body', async () => {
    const first = await get(OVERVIEW);
    expect([first.status, first.cache, first.body.kpis.dau]).toEqual([200, 'miss', 1]);
    const again = await get(OVERVIEW);
    expect([again.status, again.cache]).toEqual([200, 'hit']);
    expect(again.body).toEqual(first.body);
  });

  it('takes the same question with its names in another order for the same entry', async () => {
    const url = '/api/overview?from=2026-03-08&to=2026-03-10';
    expect((await get(url)).cache).toBe('miss');
    expect((await get('/api/overview?to=2026-03-10&from=2026-03-08')).cache).toBe('hit');
  });

  it('shares one computation among concurrent identical requests', async () => {
    const url = '/api/overview?from=2026-03-09&to=2026-03-10';
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(url)));
    expect(answers.map((a) => a.cache).sort()).toEqual(['hit', 'hit', 'hit', 'hit', 'miss']);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
  });

  it('forgets everything once data is written through the engine', async () => {
    await ingest(rig.engine, 'sessions_2.ndjson', [session('e2', 'P2', '2026-03-10T11:00:00Z')]);
    const after = await get(OVERVIEW);
    expect([after.cache, after.body.kpis.dau]).toEqual(['miss', 2]);
  });

  it('never keeps an error', async () => {
    const bad = '/api/overview?from=2026-03-10&to=2026-02-01';
    const a = await get(bad);
    const b = await get(bad);
    expect([a.status, b.status]).toEqual([400, 400]);
    expect([a.cache, b.cache]).toEqual(['miss', 'miss']);
    expect(b.body.error).toMatch(/after/);
  });
});
