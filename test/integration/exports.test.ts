import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../contract/csv.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { simulateGame } from '../../server/sim/simulate.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { csvParts } from '../helpers/csv.ts';

/**
 * Every list a person may take away as CSV, on a simulated game loaded through
 * the ingester: each file holds exactly the rows the page's JSON list holds
 * (read page by page), in the same order, under headers in the asked language
 * or the stable keys, with the filters in its name and first line.
 */

const END = '2026-03-31';
let rig: ApiRig;

beforeAll(async () => {
  rig = await startApi(async (engine) => {
    const inbox = path.join(engine.dir, 'inbox');
    await simulateGame({
      seed: 5,
      players: 600,
      days: 70,
      servers: 2,
      endDay: END,
      out: inbox,
      format: 'ndjson',
      gzip: false,
      malformedRows: 7,
      filesEvery: 35,
    });
    await runIngestAndRefresh(engine, { paths: [inbox], source: 'cli' });
  });
}, 240_000);
afterAll(() => rig?.close());

/** Every item of a paged JSON list, read with the largest page its route allows. */
async function everyItem(url: string, field: string, limit: number): Promise<any[]> {
  const all: any[] = [];
  for (let offset = 0; ; offset += limit) {
    const r = await rig.get(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    all.push(...r.body[field]);
    if (r.body[field].length < limit) return all;
  }
}

/** The file's rows as cells, with its header keys, comment line and file name. */
async function download(url: string) {
  const res = await rig.fetch(`${rig.base}${url}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const { comment, header, rows } = csvParts(await res.text());
  return { name, comment, keys: header.split(','), rows: rows.map((l) => l.split(',')) };
}

const col = (file: { keys: string[]; rows: string[][] }, key: string) => file.rows.map((r) => r[file.keys.indexOf(key)]);

describe('CSV exports', () => {
  it('a value list: the whole list in the page order, filters in the name and the first line', async () => {
    const listed = await everyItem(`/api/value/lists/top_spenders?asOf=${END}&sort=risk`, 'players', 500);
    expect(listed.length).toBeGreaterThan(0);
    const file = await download(`/api/value/lists/top_spenders.csv?asOf=${END}&sort=risk&header=keys`);
    expect(file.name).toBe(`value-top_spenders_asOf-${END}_sort-risk.csv`);
    expect(file.comment).toBe(`# Filters: asOf=${END}; sort=risk`);
    expect(col(file, 'player_id')).toEqual(listed.map((p) => p.playerId));
    expect(col(file, 'lifetime_spend')).toEqual(listed.map((p) => p.lifetimeSpend));
  });

  it('the players of one stage flow', async () => {
    const { flows } = (await rig.get('/api/lifecycle/transitions')).body;
    const flow = flows.filter((f: any) => f.from !== f.to).sort((a: any, b: any) => b.players - a.players)[0];
    expect(flow.players).toBeGreaterThan(0);
    const q = `fromStage=${flow.from}&toStage=${flow.to}`;
    const listed = await everyItem(`/api/lifecycle/flow?${q}`, 'players', 500);
    const file = await download(`/api/lifecycle/flow.csv?${q}&header=keys`);
    expect(file.rows).toHaveLength(flow.players);
    expect(col(file, 'player_id')).toEqual(listed.map((p) => p.playerId));
  });

  it("an offer's audience, priced as on the Offers page", async () => {
    const { proposals } = (await rig.get(`/api/offers/proposals?asOf=${END}`)).body;
    const offer = proposals.find((p: any) => p.economics.members > 0);
    const id = offer.offerId;
    const listed = await everyItem(`/api/offers/${id}/audience?asOf=${END}&sort=idle`, 'members', 1000);
    expect(listed).toHaveLength(offer.economics.members);
    const file = await download(`/api/offers/${id}/audience.csv?asOf=${END}&sort=idle&header=keys`);
    expect(col(file, 'player_id')).toEqual(listed.map((m) => m.playerId));
    expect(col(file, 'cost')).toEqual(listed.map((m) => m.cost));
    expect(col(file, 'value_if_kept')).toEqual(listed.map((m) => m.valueIfKept));
  });

  it('the rescue list and the comrade pairs', async () => {
    const rescue = await everyItem(`/api/winback/rescue?asOf=${END}&decision=rescue`, 'players', 500);
    expect(rescue.length).toBeGreaterThan(0);
    const rescueFile = await download(`/api/winback/rescue.csv?asOf=${END}&decision=rescue&header=keys`);
    expect(rescueFile.name).toBe(`rescue_asOf-${END}_decision-rescue_sort-return.csv`);
    expect(col(rescueFile, 'player_id')).toEqual(rescue.map((p) => p.playerId));
    expect(new Set(col(rescueFile, 'decision'))).toEqual(new Set(['rescue']));

    const pairs = await everyItem(`/api/winback/comrades?asOf=${END}`, 'pairs', 500);
    expect(pairs.length).toBeGreaterThan(0);
    const pairFile = await download(`/api/winback/comrades.csv?asOf=${END}&header=keys`);
    expect(pairFile.rows.map((r) => `${r[pairFile.keys.indexOf('lapsed_id')]}>${r[pairFile.keys.indexOf('comrade_id')]}`)).toEqual(
      pairs.map((p) => `${p.lapsedId}>${p.comradeId}`),
    );
  });

  it("a player's events, and a 404 for an unknown player before any file starts", async () => {
    const [top] = (await rig.get(`/api/value/lists/top_spenders?asOf=${END}&limit=1`)).body.players;
    const events = await everyItem(`/api/players/${top.playerId}/events`, 'events', 200);
    const file = await download(`/api/players/${top.playerId}/events.csv?header=keys`);
    expect(file.name).toBe(`events_player-${top.playerId}.csv`);
    expect(col(file, 'at')).toEqual(events.map((e) => e.at));
    expect(col(file, 'amount')).toEqual(events.map((e) => (e.kind === 'payment' ? e.amount : '')));
    const unknown = await rig.get('/api/players/nobody-here/events.csv');
    expect(unknown.status).toBe(404);
  });

  it('the quarantine, every row with its reason', async () => {
    const { quarantine } = (await rig.get('/api/ingest/status')).body;
    expect(quarantine.total).toBeGreaterThan(0);
    const file = await download('/api/ingest/quarantine.csv?header=keys');
    expect(file.keys).toEqual(['at', 'file_name', 'line', 'reason', 'raw']);
    expect(file.rows).toHaveLength(quarantine.total);
  });

  it('the launches with their uplift', async () => {
    const launched = await rig.post('/api/offers/returning-reward/launch', { author: 'exports', note: 'csv', asOf: '2026-03-10', seed: 7, webhook: false });
    expect(launched.status).toBe(200);
    const file = await download('/api/launches.csv?header=keys');
    expect(col(file, 'launch_id')).toEqual([launched.body.launch.launchId]);
    expect(col(file, 'audience')).toEqual([String(launched.body.launch.audience)]);
  });

  it('writes headers and the comment line in Chinese when asked, and refuses an unknown header style', async () => {
    const zh = await download(`/api/winback/rescue.csv?asOf=${END}&lang=zh`);
    expect(zh.comment).toBe(`# 筛选条件: asOf=${END}; decision=all; sort=return`);
    expect(zh.keys.slice(0, 3)).toEqual([CSV_COLUMNS.player_id.zh, CSV_COLUMNS.server_id.zh, CSV_COLUMNS.status.zh]);
    const en = await download('/api/ingest/quarantine.csv');
    expect(en.comment).toBe('# Filters: none');
    expect(en.keys).toEqual(['Time (UTC)', 'File', 'Line', 'Reason', 'Raw text']);
    const bad = await rig.get('/api/ingest/quarantine.csv?header=fancy');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('header must be one of labels, keys');
  });
});
