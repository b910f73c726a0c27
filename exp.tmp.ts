import { loadConfig } from './server/config.ts';
import { openReadyDb } from './server/db/open.ts';
import { rows, exec } from './server/db/query.ts';
import { computeComrades } from './server/winback/comradesRun.ts';
import { comradeChunkParams, comradePairsSql } from './server/queries/offers/comradePairs.ts';
const cfg = loadConfig({ DATA_DIR: process.argv[2], DEMO: 'off' } as any);
const db = await openReadyDb(cfg);
const t = async (label: string, f: () => Promise<unknown>) => {
  const t0 = performance.now();
  const r = await f();
  console.log(label, ((performance.now() - t0) / 1000).toFixed(3), JSON.stringify(r).slice(0, 200));
  return r;
};
const [{ d }] = await rows<{ d: string }>(db, 'SELECT max(day) AS d FROM player_daily');
let first = true;
const t0 = performance.now();
await computeComrades(db, cfg, d, async (basis, chunk, i, n) => {
  if (!first) return;
  first = false;
  console.log('fill took', ((performance.now() - t0) / 1000).toFixed(2), 'chunks', n);
  const p = comradeChunkParams(basis, chunk);
  await t('scratch sizes', () =>
    rows(
      db,
      `SELECT (SELECT count() FROM comrade_lapsed) l, (SELECT count() FROM comrade_recent) r, (SELECT count() FROM comrade_active_days) c, (SELECT count() FROM comrade_lapsed_days) ld, (SELECT uniqExact(server_id, day) FROM comrade_active_days) sd`,
    ),
  );
  await t('ld rows in chunk', () =>
    rows(db, `SELECT count() FROM comrade_lapsed_days WHERE run_id = {run:String} AND k >= {lo:UInt64} AND k <= {hi:UInt64}`, p),
  );
  await t('join rows', () =>
    rows(
      db,
      `SELECT count() FROM (SELECT k, server_id, day FROM comrade_lapsed_days WHERE run_id = {run:String} AND k >= {lo:UInt64} AND k <= {hi:UInt64}) AS ld INNER JOIN (SELECT k, server_id, day, active_r FROM comrade_active_days WHERE run_id = {run:String}) AS cd ON cd.server_id = ld.server_id AND cd.day = ld.day`,
      p,
    ),
  );
  await t('grouped pairs', () =>
    rows(
      db,
      `SELECT count() FROM (SELECT ld.k AS lk, cd.k AS ck, count() FROM (SELECT k, server_id, day FROM comrade_lapsed_days WHERE run_id = {run:String} AND k >= {lo:UInt64} AND k <= {hi:UInt64}) AS ld INNER JOIN (SELECT k, server_id, day, active_r FROM comrade_active_days WHERE run_id = {run:String}) AS cd ON cd.server_id = ld.server_id AND cd.day = ld.day GROUP BY lk, ck)`,
      p,
    ),
  );
  await t('full select', () => rows(db, `SELECT count() FROM (${comradePairsSql(basis)})`, p));
  await t('full select again', () => rows(db, `SELECT count() FROM (${comradePairsSql(basis)})`, p));
});
console.log('total', ((performance.now() - t0) / 1000).toFixed(2));
await db.close();
