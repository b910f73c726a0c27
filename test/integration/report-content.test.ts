import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { buildReport, ReportInputError } from '../../server/reports/build.ts';
import { REPORT_SECTIONS, type ReportFiles, type ReportOptions } from '../../server/reports/types.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * The churn report on the fixture of test/helpers/lifecycleFixture.ts (stages
 * on 2026-03-24 and 03-31 are worked out there and in
 * lifecycle-transitions.test.ts), for the week 03-25..03-31 against
 * 03-18..03-24, plus one hostile player: id `<script>…`, server `=cmd|…`,
 * active on 02-01 and 03-20 like C (stable on 03-24, decline on 03-31) with a
 * 500.00 payment on 02-01, the biggest spender: a whale moving into decline.
 * One malformed line in its file is quarantined.
 *
 * Movers into decline 03-24 -> 03-31: C (stable), K (exploration), X (stable).
 */
const HOSTILE_ID = '<script>alert("x")</script>';
const HOSTILE_SERVER = "=cmd|' /C calc'!A0";
const WEEK = { from: '2026-03-25', to: '2026-03-31' };
const ALL: ReportOptions = { lang: 'en', topN: 10, sections: [...REPORT_SECTIONS] };

let rig: ApiRig;
let engine: TestEngine;
let en: ReportFiles;
const get = async (p: string) => {
  const r = await rig.get(p);
  expect(r.status, p).toBe(200);
  return r.body;
};

async function loadWithHostile(e: TestEngine): Promise<void> {
  await loadLifecycleFixture(e);
  const dir = path.join(e.dir, 'hostile');
  writeNdjson(dir, 'sessions_hostile.ndjson', [
    session('h-1', HOSTILE_ID, '2026-02-01T12:00:00Z', { server_id: HOSTILE_SERVER }),
    session('h-2', HOSTILE_ID, '2026-03-20T12:00:00Z', { server_id: HOSTILE_SERVER }),
    '{"event_id": "broken", "player_id": ',
  ]);
  writeNdjson(dir, 'payments_hostile.ndjson', [payment('h-pay', HOSTILE_ID, '2026-02-01T13:00:00Z', '500.00', { server_id: HOSTILE_SERVER })]);
  await runIngestAndRefresh(e, { paths: [dir], source: 'cli' });
}

beforeAll(async () => {
  rig = await startApi(loadWithHostile);
  engine = rig.engine;
  en = await buildReport(engine.db, engine.cfg, WEEK, ALL);
});
afterAll(() => rig?.close());

describe('churn report content', () => {
  it('compares the window with the week before it', () => {
    expect(en.summary.window).toEqual(WEEK);
    expect(en.summary.previous).toEqual({ from: '2026-03-18', to: '2026-03-24' });
    expect(en.summary.sections).toEqual(['stage_mix', 'decline_movers', 'at_risk', 'retention', 'offers', 'data_health']);
  });

  it('gives the stage mix of the Overview on both last days', async () => {
    const mix = en.summary.stageMix!;
    for (const [day, players, lost, total] of [
      [WEEK.to, (r: (typeof mix.rows)[number]) => r.players, mix.lost, mix.total],
      ['2026-03-24', (r: (typeof mix.rows)[number]) => r.previousPlayers, mix.previousLost, mix.previousTotal],
    ] as const) {
      const api = await get(`/api/overview?from=2026-03-18&to=${day}`);
      const byStage = api.stages.counts.map((c: { stage: string; players: number }) => ({
        stage: c.stage,
        players: mix.rows.filter((r) => r.stage === c.stage).reduce((n, r) => n + players(r), 0),
      }));
      expect(byStage).toEqual(api.stages.counts.map((c: { stage: string; players: number }) => ({ stage: c.stage, players: c.players })));
      expect(lost).toBe(api.stages.lost);
      expect(total).toBe(api.stages.counts.reduce((n: number, c: { players: number }) => n + c.players, 0));
    }
    // The fixture's 03-31 (lifecycleFixture.ts) plus X in decline (leaving): exploration 2, growth 3, stable 1, leaving 5, lapsed 1.
    expect(mix.rows.map((r) => [r.stage, r.status, r.players])).toEqual([
      ['exploration', '', 2],
      ['growth', '', 3],
      ['stable', '', 1],
      ['decline', 'leaving', 5],
      ['decline', 'lapsed', 1],
    ]);
    expect(mix.rows[3].share).toBeCloseTo(5 / 12, 10);
    const recentSpend = (await get('/api/overview?from=2026-03-25&to=2026-03-31')).stages.counts.find(
      (c: { stage: string }) => c.stage === 'growth',
    ).recentSpend;
    expect(mix.rows[1].recentSpend).toBe(recentSpend);
  });

  it('lists the movers into decline as the transition matrix and its flows give them', async () => {
    const m = en.summary.declineMovers!;
    const { flows } = await get('/api/lifecycle/transitions?from=2026-03-24&to=2026-03-31');
    const into = flows.filter((f: { from: string; to: string }) => f.to === 'decline' && f.from !== 'decline');
    expect(m.byFrom).toEqual(
      into.map((f: { from: string; players: number; lifetimeSpend: string }) => ({ from: f.from, players: f.players, lifetimeSpend: f.lifetimeSpend })),
    );
    expect(m.players).toBe(into.reduce((n: number, f: { players: number }) => n + f.players, 0));
    expect([m.players, m.lifetimeSpend, m.recentSpend, m.scoredPlayers]).toEqual([3, '503', '1', 0]);

    const listed = [];
    for (const f of into)
      listed.push(
        ...(await get(`/api/lifecycle/flow?from=2026-03-24&to=2026-03-31&fromStage=${f.from}&toStage=decline&limit=500`)).players.map((p: object) => ({
          ...p,
          from: f.from,
        })),
      );
    listed.sort((a, b) => Number(b.lifetimeSpend) - Number(a.lifetimeSpend) || (a.playerId < b.playerId ? -1 : 1));
    expect(m.top.map(({ expectedClv: _c, ...p }) => p)).toEqual(listed);
    expect(m.top.map((p) => p.playerId)).toEqual([HOSTILE_ID, 'K', 'C']);
  });

  it('lists the at-risk high-value players of the Value page as of the window end', async () => {
    const api = await get('/api/value/lists/at_risk_high_value?asOf=2026-03-31&limit=10');
    expect(en.summary.atRisk).toEqual({ asOf: '2026-03-31', total: api.total, top: api.players });
    expect(en.summary.atRisk!.top[0].playerId).toBe(HOSTILE_ID);
  });

  it('gives the Retention page’s cohorts for the same days', async () => {
    const { daily, weekly } = en.summary.retention!;
    expect([daily.from, daily.to, weekly.from, weekly.to, daily.lastDay]).toEqual(['2026-03-18', '2026-03-31', '2026-02-02', '2026-03-29', '2026-03-31']);
    const d = await get(`/api/retention?grain=day&from=${daily.from}&to=${daily.to}`);
    expect(daily.cohorts).toEqual(d.cohorts);
    const w = await get(`/api/retention?grain=week&from=${weekly.from}&to=${weekly.to}`);
    expect(weekly.cohorts).toEqual(w.cohorts);
    // A (first day 03-25, back on 03-31) is the only new player of the two weeks: D6 = 100%, D1..D5 = 0.
    expect(daily.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2026-03-25', 1]]);
    expect(daily.curve.slice(0, 8)).toEqual([1, 0, 0, 0, 0, 0, 1, null]);
  });

  it('prices the offers as the Offers page proposes them on the window end', async () => {
    const api = await get('/api/offers/proposals?asOf=2026-03-31');
    const o = en.summary.offers!;
    expect(o.asOf).toBe(api.asOf);
    expect(o.offers).toEqual(
      api.proposals.map((p: any) => ({
        offerId: p.offerId,
        name: p.name,
        texts: p.texts,
        kind: p.kind,
        audience: p.economics.members,
        cost: p.economics.totalCost,
        expectedRetainedRevenue: p.economics.retained,
        net: p.economics.net,
        roi: p.economics.roi,
      })),
    );
    // The default catalog is seeded at start; the fixture's decliners are in some audiences.
    expect(o.offers.length).toBeGreaterThan(0);
    expect(o.offers.some((x) => x.audience > 0)).toBe(true);
    const total = (k: 'cost' | 'expectedRetainedRevenue') => o.offers.reduce((n, x) => n + Math.round(Number(x[k]) * 10_000), 0) / 10_000;
    expect([Number(o.cost), Number(o.expectedRetainedRevenue)]).toEqual([total('cost'), total('expectedRetainedRevenue')]);
  });

  it('opens with the Overview page’s figures for the same days, the stage mix’s largest movements and the best offers', async () => {
    const api = await get('/api/overview?from=2026-03-25&to=2026-03-31');
    const h = en.summary.headline;
    expect(h.figures.map((f) => f.key)).toEqual(['avgDau', 'activePlayers', 'newPlayers', 'payingPlayers', 'revenue', 'retentionD7']);
    for (const f of h.figures) {
      const group = f.key === 'retentionD7' ? 'cohorts' : 'kpis';
      expect([f.key, f.value, f.previous, f.change]).toEqual([f.key, api[group][f.key], api.previous[group][f.key], api.previous.changes[f.key]]);
    }
    // Movements are stage mix rows, the largest change first.
    const rows = en.summary.stageMix!.rows.filter((r) => r.change !== 0);
    expect(h.movements.length).toBe(Math.min(3, rows.length));
    expect(h.movements.length).toBeGreaterThan(0);
    for (const m of h.movements) expect(rows).toContainEqual(m);
    expect(Math.abs(h.movements[0].change)).toBe(Math.max(...rows.map((r) => Math.abs(r.change))));
    // Offers: those of the offers section with a positive net value, best first.
    const paying = en.summary.offers!.offers.filter((o) => Number(o.net) > 0).sort((a, b) => Number(b.net) - Number(a.net));
    expect(h.offers.map((o) => o.net)).toEqual(paying.slice(0, 3).map((o) => o.net));
    // The summary is there when its sections are not asked for.
    const only = await buildReport(engine.db, engine.cfg, WEEK, { ...ALL, sections: ['data_health'] });
    expect(only.summary.headline).toEqual(h);
    expect(only.summary.stageMix).toBeUndefined();
    expect(only.summary.offers).toBeUndefined();
  });

  it('reports data freshness and the quarantine of the files loaded in the window', async () => {
    const march = en.summary.dataHealth!;
    // Every file was loaded today (wall clock), after March: none in the window; the last load is still named.
    const status = await get('/api/ingest/status');
    expect(march).toEqual({
      latestEventAt: '2026-03-31T12:00:00.000Z',
      latestFile: { name: status.ledger[0].fileName, ingestedAt: expect.any(String) },
      files: 0,
      rejectedFiles: 0,
      rowsLoaded: 0,
      quarantined: 0,
      quarantineByReason: [],
    });

    const today = new Date().toISOString().slice(0, 10);
    const now = await buildReport(engine.db, engine.cfg, { from: today, to: today }, { ...ALL, sections: ['data_health'] });
    const h = now.summary.dataHealth!;
    expect(h.files).toBe(status.ledger.length);
    expect(h.rowsLoaded).toBe(status.ledger.reduce((n: number, f: { rowsLoaded: number }) => n + f.rowsLoaded, 0));
    expect(h.quarantineByReason).toEqual(status.quarantine.byReason);
    expect(h.quarantined).toBe(1);
    expect(h.latestFile?.name).toBe(status.ledger[0].fileName);
    expect(Object.keys(now.summary)).not.toContain('stageMix');
  });
});

describe('churn report rendering', () => {
  it('re-builds byte-identical files in both languages', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const a = lang === 'en' ? en : await buildReport(engine.db, engine.cfg, WEEK, { ...ALL, lang });
      const b = await buildReport(engine.db, engine.cfg, WEEK, { ...ALL, lang });
      expect(b.html).toBe(a.html);
      expect(b.csv).toEqual(a.csv);
      expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    }
  }, 180_000);

  it('is one self-contained page with inline SVG charts and no scripts or external resources', () => {
    const html = en.html;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(3);
    // SVG namespace declarations are names, not resources; nothing else may point outside the page.
    const withoutNamespaces = html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '');
    expect(withoutNamespaces).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|\bsrc=|\bhref="(?!#)|url\((?!#)/i);
    expect(html).toContain('Stage mix');
    expect(html).toContain('Players moving into decline');
    expect(html).toContain('Proposed retention offers');
  });

  it('renders the Chinese report with Chinese labels', async () => {
    const zh = await buildReport(engine.db, engine.cfg, WEEK, { ...ALL, lang: 'zh' });
    expect(zh.html).toContain('<html lang="zh-CN">');
    for (const label of [
      '流失报告',
      '阶段分布',
      '进入衰退期的玩家',
      '有流失风险的高价值玩家',
      '近期新玩家留存',
      '建议的挽留方案',
      '数据新鲜度与隔离',
      '衰退期',
      '大额付费',
    ])
      expect(zh.html).toContain(label);
    expect(zh.html).not.toContain('Stage mix');
    expect(zh.summary.declineMovers).toEqual(en.summary.declineMovers);
  });

  it('escapes hostile ids in HTML and defuses them in CSV', () => {
    expect(en.html).not.toContain(HOSTILE_ID);
    expect(en.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const movers = en.csv.find((f) => f.name === 'decline_movers.csv')!.content;
    const line = movers.split('\r\n').find((l) => l.includes('script'))!;
    expect(line).toContain(`"<script>alert(""x"")</script>",'=cmd|' /C calc'!A0,whale,stable`);
    expect(en.csv.find((f) => f.name === 'at_risk.csv')!.content).toContain(",'=cmd|' /C calc'!A0,");
  });

  it('writes one CSV per list section', () => {
    expect(en.csv.map((f) => f.name)).toEqual(['stage_mix.csv', 'decline_movers.csv', 'at_risk.csv', 'retention.csv', 'retention_weekly.csv', 'offers.csv']);
    const mix = en.csv[0].content.split('\r\n');
    expect(mix[0]).toBe('day,previous_day,stage,status,players,share,previous_players,previous_share,change,recent_spend');
    expect(mix[4]).toBe(`2026-03-31,2026-03-24,decline,leaving,5,0.4167,${mix[4].split(',').slice(6).join(',')}`);
  });

  it('refuses a bad window or options with a message', async () => {
    const bad: [object, object, RegExp][] = [
      [{ from: '2026-03-31', to: '2026-03-25' }, ALL, /starts \(2026-03-31\) after it ends/],
      [{ from: '2026-02-30', to: '2026-03-01' }, ALL, /YYYY-MM-DD/],
      [WEEK, { ...ALL, lang: 'fr' }, /lang must be one of en, zh/],
      [WEEK, { ...ALL, topN: 0 }, /topN must be a whole number/],
      [WEEK, { ...ALL, sections: ['stage_mix', 'gossip'] }, /unknown report sections: gossip/],
    ];
    for (const [w, o, msg] of bad) await expect(buildReport(engine.db, engine.cfg, w as never, o as never)).rejects.toThrow(msg);
    await expect(buildReport(engine.db, engine.cfg, { from: 'x', to: 'y' }, ALL)).rejects.toBeInstanceOf(ReportInputError);
  });
});
