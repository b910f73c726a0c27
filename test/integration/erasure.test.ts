import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErasureResult } from '../../contract/erasure.ts';
import type { IngestResult } from '../../contract/ingest.ts';
import type { RunFile } from '../../contract/reports.ts';
import { one, rows } from '../../server/db/query.ts';
import { erasureKey, playerKeyHash } from '../../server/erasure/playerKey.ts';
import { PLAYER_TABLES } from '../../server/erasure/tables.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { launchOffer } from '../../server/launches/launch.ts';
import { refreshModels } from '../../server/models/refresh.ts';
import { createOffer } from '../../server/offers/catalog.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';
import { listRuns } from '../../server/queries/reportRuns/listRuns.ts';
import { runScheduleNow } from '../../server/reports/runNow.ts';
import { applyScheduleConfig, DEFAULT_SCHEDULE_ID } from '../../server/reports/scheduleConfig.ts';
import { simulateGame } from '../../server/sim/simulate.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { writeNdjson } from '../helpers/files.ts';
import type { TestEngine } from '../helpers/engine.ts';

/**
 * Erasure on request, proved by counting: a simulated game ingested from
 * files (NDJSON and gzip CSV, with malformed rows), stage snapshots, model
 * scores, an offer launch, friend links and a report run; then a few players
 * are counted in every table (for readers and on disk), through the API, in
 * the report files and in the archive; erased; counted again (all zero); and
 * the original input files, kept outside the archive, are ingested again:
 * nothing comes back, their rows are quarantined as "erased player" without text.
 */

const END = '2026-03-31';
let rig: ApiRig;
let originals: string;
let victims: string[];
let launchId: string;
let reportRunIds: string[];
let result: ErasureResult;
let reingest: IngestResult;
let seconds: number;

const db = () => rig.engine.db;
const cfg = () => rig.engine.cfg;

async function loadGame(e: TestEngine): Promise<void> {
  originals = path.join(e.dir, 'originals');
  const common = { seed: 11, players: 600, days: 60, servers: 2, endDay: END, malformedRows: 40, filesEvery: 30 };
  await simulateGame({ ...common, out: path.join(originals, 'ndjson'), format: 'ndjson', gzip: false });
  // A second game server's logs as gzip CSV (other ids), so the archive holds both formats.
  await simulateGame({ ...common, seed: 12, players: 200, out: path.join(originals, 'csv'), format: 'csv', gzip: true });
  const inbox = path.join(e.dir, 'inbox');
  for (const sub of ['ndjson', 'csv']) cpSync(path.join(originals, sub), inbox, { recursive: true });
  await runIngestAndRefresh(e, { paths: [inbox], source: 'cli', archiveDir: e.cfg.archiveDir });
  await refreshModels(e);
  await createOffer(
    e.db,
    {
      offerId: 'everyone',
      kind: 'returning_reward',
      name: 'Everyone',
      description: 'test offer',
      stages: ['exploration', 'growth', 'stable', 'decline'],
      conditions: ANY_CONDITIONS,
      reward: '100 gems',
      texts: {},
      cost: { kind: 'fixed', fixedCost: '1.0000', spendShare: 0 },
      assumedUplift: 0.1,
      holdoutShare: 0.2,
      activeFrom: '2026-01-01',
      activeTo: null,
      enabled: true,
    },
    { author: 'test', note: '' },
  );
  launchId = (await launchOffer(e.db, e.cfg, { offerId: 'everyone', windowDays: 14, webhook: false, author: 'test', note: '', force: false })).launch.launchId;
  await applyScheduleConfig(e.db, e.cfg, () => {});
  const runs = await runScheduleNow({ db: e.db, cfg: e.cfg, log: () => {} }, DEFAULT_SCHEDULE_ID, { day: '2026-03-25', deliver: false, trigger: 'manual' });
  reportRunIds = runs.runs.map((r) => r.runId);
}

/** Every file under a folder, gzip opened, as text. */
function textsUnder(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => {
      const b = readFileSync(file);
      return { file, text: (file.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8') };
    });
}

/** Whole-id mentions of the players in a folder's files ("p1" does not count inside "p10"). */
function mentionsIn(dir: string, ids: string[]): number {
  const re = new RegExp(`(?<![\\w.:@-])(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w.:@-])`, 'g');
  return textsUnder(dir).reduce((n, f) => n + (f.text.match(re)?.length ?? 0), 0);
}

const count = async (sql: string, params: Record<string, unknown> = {}) => Number((await one<{ n: number }>(db(), sql, params))?.n ?? 0);

/** The players' rows in each table, counted here without the erasure's own SQL; onDisk also counts rows only hidden by a DELETE. */
async function tableCounts(ids: string[], onDisk = false): Promise<Record<string, number>> {
  const settings = onDisk ? ' SETTINGS apply_deleted_mask = 0' : '';
  const out: Record<string, number> = {};
  for (const t of PLAYER_TABLES)
    out[t.table] = await count(`SELECT count() AS n FROM ${t.table} WHERE ${t.columns.map((c) => `has({ids:Array(String)}, ${c})`).join(' OR ')}${settings}`, {
      ids,
    });
  out.quarantine = await count(`SELECT count() AS n FROM quarantine WHERE arrayExists(id -> position(raw, id) > 0, {ids:Array(String)})${settings}`, { ids });
  return out;
}

/** Files of the tables' parts on disk whose bytes hold one of the ids (ids are short, so compression leaves them as literals). */
async function diskHits(ids: string[]): Promise<string[]> {
  const tables = [...PLAYER_TABLES.map((t) => t.table), 'quarantine'];
  const dirs = await rows<{ p: string }>(
    db(),
    'SELECT arrayJoin(data_paths) AS p FROM system.tables WHERE database = currentDatabase() AND name IN {t:Array(String)}',
    {
      t: tables,
    },
  );
  const needles = ids.map((id) => Buffer.from(id));
  const hits: string[] = [];
  for (const { p } of dirs)
    for (const f of readdirSync(p, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(p, f);
      if (!statSync(file).isFile()) continue;
      const bytes = readFileSync(file);
      if (needles.some((n) => bytes.includes(n))) hits.push(path.relative(path.dirname(p), file));
    }
  return hits;
}

const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

let before: Record<string, number>;
let beforeFiles: { reports: number; archive: number; disk: number };

beforeAll(async () => {
  rig = await startApi(loadGame);
  // The players: one named in the report's CSV, one in the launch, one in a quarantined raw line, one from the gzip CSV server.
  const csv = textsUnder(cfg().reports.dir).find((f) => f.file.endsWith('.csv') && f.text.startsWith('from_day'));
  const inReport = csv?.text.split('\n')[1]?.split(',')[2];
  const inLaunch = (await rows<{ p: string }>(db(), 'SELECT player_id AS p FROM offer_launch_members ORDER BY player_id LIMIT 1 OFFSET 3'))[0].p;
  const quarantined = (
    await rows<{ p: string }>(
      db(),
      `SELECT JSONExtractString(raw, 'player_id') AS p FROM quarantine WHERE isValidJSON(raw) AND p != '' AND p IN (SELECT player_id FROM sessions) ORDER BY line LIMIT 1`,
    )
  )[0].p;
  const fromCsv = (
    await rows<{ p: string }>(
      db(),
      "SELECT player_id AS p FROM payments WHERE player_id NOT IN (SELECT player_id FROM payments WHERE source_file IN (SELECT substring(file_hash, 1, 16) FROM ingest_files WHERE file_name LIKE '%.ndjson')) ORDER BY player_id LIMIT 1",
    )
  )[0].p;
  victims = [...new Set([inReport as string, inLaunch, quarantined, fromCsv])];
  // Friend links between them and to others (kept among the originals too).
  const friends = writeNdjson(path.join(originals, 'friends'), 'friends_2026-03-31.ndjson', [
    { player_id: victims[0], friend_id: victims[1] },
    { player_id: victims[2], friend_id: inLaunch === victims[2] ? victims[0] : inLaunch },
    { player_id: 'someone-else-1', friend_id: victims[3] },
    { player_id: 'someone-else-1', friend_id: 'someone-else-2' },
  ]);
  const inbox = path.join(rig.engine.dir, 'inbox');
  cpSync(friends, path.join(inbox, path.basename(friends)));
  await runIngestAndRefresh(rig.engine, { paths: [inbox], source: 'cli', archiveDir: cfg().archiveDir });
  before = await tableCounts(victims);
  beforeFiles = { reports: mentionsIn(cfg().reports.dir, victims), archive: mentionsIn(cfg().archiveDir, victims), disk: (await diskHits(victims)).length };
}, 240_000);
afterAll(() => rig?.close());

describe('erasure on request', () => {
  it('starts from players present everywhere: tables, API, report files, archive', async () => {
    expect(victims.length).toBe(4);
    for (const t of [
      'sessions',
      'payments',
      'friend_links',
      'player_daily',
      'player_server_first',
      'player_attributes',
      'player_stage_daily',
      'player_scores',
      'offer_launch_members',
      'quarantine',
    ])
      expect(before[t], t).toBeGreaterThan(0);
    expect(beforeFiles.reports).toBeGreaterThan(0);
    expect(beforeFiles.archive).toBeGreaterThan(0);
    expect(beforeFiles.disk).toBeGreaterThan(0);
    for (const id of victims) expect((await rig.get(`/api/players/${encodeURIComponent(id)}`)).status).toBe(200);
    const csv = await rig.fetch(`${rig.base}/api/launches/${launchId}/audience.csv`);
    expect(await csv.text()).toContain(victims[1]);
  });

  it('refuses a list with a malformed id (400, which ids) or an empty list, and changes nothing', async () => {
    const bad = await rig.post('/api/erasure', { players: [victims[0], '  ', 'ok\nid', 7] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('erasure_bad_ids');
    expect(bad.body.bad.map((b: { index: number }) => b.index)).toEqual([1, 2, 3]);
    expect((await rig.post('/api/erasure', { players: [] })).status).toBe(400);
    // While an ingest holds the ingester, an erasure is refused (409) rather than racing it.
    let release!: () => void;
    const held = rig.engine.ingester.exclusive(() => new Promise<void>((r) => (release = r)));
    const during = await rig.post('/api/erasure', { players: victims });
    release();
    await held;
    expect([during.status, during.body.error]).toEqual([409, 'an ingest run is in progress; try again when it finishes']);
    expect((await rig.post('/api/erasure', {})).status).toBe(400);
    expect(await tableCounts(victims)).toEqual(before);
    expect(await count('SELECT count() AS n FROM erased_players')).toBe(0);
    expect(await count("SELECT count() AS n FROM audit_log WHERE action = 'player.erase'")).toBe(0);
  });

  it('erases them from every table, for readers and on disk, and reports the counts', async () => {
    // The profile is cached before, so the erasure must retire cached answers.
    expect((await rig.get(`/api/players/${encodeURIComponent(victims[0])}`)).status).toBe(200);
    const t0 = performance.now();
    const res = await rig.post('/api/erasure', { players: victims });
    seconds = (performance.now() - t0) / 1000;
    expect(res.status).toBe(200);
    result = res.body;
    expect(result.players).toBe(4);
    // Parts of the player tables that are replaced, or still carry a deleted-rows mask.
    const tables = PLAYER_TABLES.map((t) => t.table).concat('quarantine');
    const leftOver = () =>
      rows<{ table: string; name: string; active: number; has_lightweight_delete: number }>(
        db(),
        'SELECT table, name, active, has_lightweight_delete FROM system.parts WHERE database = currentDatabase() AND table IN {t:Array(String)} AND (NOT active OR has_lightweight_delete)',
        { t: tables },
      );
    // When the wait ran out, the message names the parts that were still there.
    expect(result.physicallyRemoved, JSON.stringify(await leftOver())).toBe(true);
    expect(result.steps.at(-1)?.step).toBe('physically_removed');
    const reported = Object.fromEntries(result.tables.filter((t) => t.table in before).map((t) => [t.table, t.before]));
    expect(reported).toEqual(before);
    for (const t of result.tables) expect([t.table, t.after, t.onDisk]).toEqual([t.table, 0, 0]);
    expect(await tableCounts(victims)).toEqual(Object.fromEntries(Object.keys(before).map((k) => [k, 0])));
    expect(sum(await tableCounts(victims, true))).toBe(0);
    // Right away: no part, replaced or not, carries the mask (a part that held their rows carries it until rewritten).
    expect((await leftOver()).filter((p) => p.has_lightweight_delete)).toEqual([]);
    // The replaced parts are gone from disk. A background merge of parts already cleaned may still leave replaced
    // parts of its own after the erasure's check; the engine's next cleanup (every 30 s at most on these tables,
    // sql/024) removes those too.
    await expect.poll(leftOver, { timeout: 90_000, interval: 2_000 }).toEqual([]);
    // And no file of those tables' parts on disk holds their ids any more.
    const disk = await diskHits(victims);
    console.log(`disk: part files holding their ids before ${beforeFiles.disk}, after ${disk.length}`);
    expect(disk).toEqual([]);
    console.log(
      `erasure figures: ${JSON.stringify(result.tables)} files ${JSON.stringify(result.files)} steps ${JSON.stringify(result.steps)} in ${seconds.toFixed(2)} s`,
    );
  }, 420_000); // the engine removes replaced parts at its next cleanup: usually within a minute, at worst after its 280 s wait

  it('leaves them in no stored file and keeps the report records true to the files', async () => {
    expect(mentionsIn(cfg().reports.dir, victims)).toBe(0);
    expect(mentionsIn(cfg().archiveDir, victims)).toBe(0);
    expect(result.files.filter((f) => f.kind === 'report').length).toBeGreaterThan(0);
    expect(result.files.filter((f) => f.kind === 'archive').length).toBeGreaterThan(0);
    for (const run of await listRuns(db(), { state: 'done', limit: 100, offset: 0 })) {
      if (!reportRunIds.includes(run.runId)) continue;
      for (const f of JSON.parse(run.files) as RunFile[]) {
        const served = await rig.fetch(`${rig.base}/api/reports/runs/${run.runId}/${f.name}`);
        const bytes = Buffer.from(await served.arrayBuffer());
        expect(bytes.length, f.name).toBe(f.bytes);
        for (const id of victims) expect(bytes.toString('utf8').includes(`,${id},`), `${f.name} ${id}`).toBe(false);
      }
    }
  });

  it('answers through the API as if they never played', async () => {
    for (const id of victims) {
      expect((await rig.get(`/api/players/${encodeURIComponent(id)}`)).status).toBe(404);
      const search = await rig.get(`/api/players?q=${encodeURIComponent(id)}`);
      expect(search.body.players.map((p: { playerId: string }) => p.playerId)).not.toContain(id);
    }
    const csv = await (await rig.fetch(`${rig.base}/api/launches/${launchId}/audience.csv`)).text();
    for (const id of victims) expect(csv).not.toMatch(new RegExp(`(^|,)${id}(,|$)`, 'm'));
  });

  it('keeps on the deny list and in the audit trail only keyed hashes', async () => {
    const key = erasureKey(cfg());
    const hashes = (await rows<{ h: string }>(db(), 'SELECT key_hash AS h FROM erased_players ORDER BY h')).map((r) => r.h);
    expect(hashes).toEqual(victims.map((id) => playerKeyHash(key, id)).sort());
    const entries = await rows<{ target: string; detail: string; before: string; after: string }>(
      db(),
      "SELECT target, detail, before, after FROM audit_log WHERE action = 'player.erase'",
    );
    expect(entries.length).toBe(1);
    const detail = JSON.parse(entries[0].detail);
    expect(detail.players).toBe(4);
    expect([...detail.keyHashes].sort()).toEqual([...hashes]);
    for (const id of victims) expect(JSON.stringify(entries[0])).not.toContain(id);
  });

  it('brings nothing back when the original input files are ingested again: their rows are quarantined as "erased player", without text', async () => {
    const inbox = path.join(rig.engine.dir, 'inbox');
    for (const sub of ['ndjson', 'csv', 'friends']) cpSync(path.join(originals, sub), inbox, { recursive: true });
    reingest = await runIngestAndRefresh(rig.engine, { paths: [inbox], source: 'cli', archiveDir: cfg().archiveDir });
    // Files that held them were rewritten in the archive and their ledger entries re-keyed, so the originals are read again.
    expect(reingest.files.filter((f) => f.state === 'done').length).toBeGreaterThan(0);
    expect(reingest.files.every((f) => f.state === 'done' || f.state === 'skipped')).toBe(true);
    expect(reingest.rowsLoaded).toBe(0);
    const erasedRows = await count("SELECT count() AS n FROM quarantine WHERE reason = 'erased player'");
    const originalRows = before.sessions + before.payments + before.friend_links;
    // Their stored rows, plus their malformed rows (now withheld as erased before any other check).
    expect(erasedRows).toBeGreaterThanOrEqual(originalRows);
    expect(await count("SELECT count() AS n FROM quarantine WHERE reason = 'erased player' AND raw != ''")).toBe(0);
    const after = await tableCounts(victims);
    expect(sum(after)).toBe(0);
    expect(mentionsIn(cfg().archiveDir, victims)).toBe(0);
    for (const id of victims) expect((await rig.get(`/api/players/${encodeURIComponent(id)}`)).status).toBe(404);
    console.log(
      `re-ingest: ${reingest.files.length} files, loaded ${reingest.rowsLoaded}, quarantined ${reingest.rowsQuarantined} (erased player: ${erasedRows}), duplicates ${reingest.rowsDuplicate}`,
    );
  });
});
