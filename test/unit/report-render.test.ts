import { describe, expect, it } from 'vitest';
import { renderSvg, reachedPeriods, retentionOption, stageMixOption } from '../../server/reports/charts.ts';
import { previousWindow, retentionCurve, retentionRanges, stageMix } from '../../server/reports/content.ts';
import { reportFormat, translator } from '../../server/reports/messages.ts';
import { renderHtml } from '../../server/reports/render.ts';
import { headline } from '../../server/reports/contentHeadline.ts';
import { changes } from '../../server/overview/comparison.ts';
import { reportMetrics } from '../../server/reports/definitions.ts';
import { metricText } from '../../contract/metricDefinitions.ts';
import { esc } from '../../server/reports/reportHtml.ts';
import { reportCsvFiles } from '../../server/reports/renderCsv.ts';
import type { ReportSummary, RetentionBlock } from '../../server/reports/types.ts';

const en = { t: translator('en'), fmt: reportFormat('en', 'USD', 'Asia/Shanghai') };
const zh = { t: translator('zh'), fmt: reportFormat('zh', 'USD', 'Asia/Shanghai') };

describe('report windows', () => {
  it('compares a window with the same number of days just before it', () => {
    expect(previousWindow({ from: '2026-03-23', to: '2026-03-29' })).toEqual({ from: '2026-03-16', to: '2026-03-22' });
    expect(previousWindow({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(previousWindow({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('takes daily cohorts of both windows and the last complete weeks up to the window end', () => {
    const w = { from: '2026-03-23', to: '2026-03-29' }; // Monday..Sunday
    expect(retentionRanges(w, previousWindow(w), 1)).toEqual({
      daily: { from: '2026-03-16', to: '2026-03-29' },
      weekly: { from: '2026-02-02', to: '2026-03-29' },
    });
    // A window ending on Wednesday: its week is not complete, the weeks end on the Sunday before.
    const mid = { from: '2026-03-19', to: '2026-03-25' };
    expect(retentionRanges(mid, previousWindow(mid), 1).weekly).toEqual({ from: '2026-01-26', to: '2026-03-22' });
    // Weeks starting on Sunday: the Monday..Sunday window's last complete week ends on Saturday 03-28.
    expect(retentionRanges(w, previousWindow(w), 7).weekly).toEqual({ from: '2026-02-01', to: '2026-03-28' });
    // Long windows keep the Retention page's 90 daily cohorts at most.
    const quarter = { from: '2026-01-01', to: '2026-03-31' };
    expect(retentionRanges(quarter, previousWindow(quarter), 1).daily).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
});

describe('report content folding', () => {
  const rows = (list: [string, string, number, string][]) => list.map(([stage, status, players, revenue]) => ({ stage, status, players, revenue }));

  it('folds stage counts into the mix, shares of the active base and the change', () => {
    const mix = stageMix(
      '2026-03-31',
      rows([
        ['growth', '', 3, '35'],
        ['decline', 'leaving', 4, '21'],
        ['decline', 'lost', 9, '0'],
        ['exploration', '', 2, '0'],
        ['growth', '', 1, '0.5'],
      ]),
      '2026-03-24',
      rows([
        ['decline', 'leaving', 6, '0'],
        ['decline', 'lapsed', 2, '0'],
        ['decline', 'lost', 8, '0'],
      ]),
    );
    expect([mix.total, mix.previousTotal, mix.lost, mix.previousLost]).toEqual([10, 8, 9, 8]);
    expect(mix.rows.map((r) => [r.stage, r.status, r.players, r.share, r.previousPlayers, r.previousShare, r.change, r.recentSpend])).toEqual([
      ['exploration', '', 2, 0.2, 0, 0, 2, '0'],
      ['growth', '', 4, 0.4, 0, 0, 4, '35.5'],
      ['stable', '', 0, 0, 0, 0, 0, '0'],
      ['decline', 'leaving', 4, 0.4, 6, 0.75, -2, '21'],
      ['decline', 'lapsed', 0, 0, 2, 0.25, -2, '0'],
    ]);
  });

  it('keeps a stage/status pair outside the fixed rows instead of dropping it', () => {
    const mix = stageMix('2026-03-31', rows([['decline', '', 1, '0']]), '2026-03-24', []);
    expect(mix.rows.at(-1)).toMatchObject({ stage: 'decline', status: '', players: 1, share: 1 });
  });

  it('weights the retention curve by cohort size over the cohorts that reached each period', () => {
    const curve = retentionCurve(
      [
        { size: 10, players: [10, 5, 2, null] },
        { size: 30, players: [30, 3, null, null] },
      ],
      4,
    );
    expect(curve).toEqual([1, 8 / 40, 2 / 10, null]);
    expect(retentionCurve([], 2)).toEqual([null, null]);
  });
});

const block = (grain: 'day' | 'week', cohorts: RetentionBlock['cohorts']): RetentionBlock => ({
  grain,
  from: '2026-03-16',
  to: '2026-03-29',
  lastDay: '2026-03-29',
  cohorts,
  curve: retentionCurve(cohorts, grain === 'day' ? 31 : 13),
});
const cohort = (day: string, size: number, players: (number | null)[], n: number) => {
  const all = [...players, ...Array(n - players.length).fill(null)];
  return { cohort: day, size, players: all, rates: all.map((p) => (p === null ? null : p / size)), partialPeriod: null };
};

const base = (lang: 'en' | 'zh'): Omit<ReportSummary, 'headline'> => ({
  window: { from: '2026-03-23', to: '2026-03-29' },
  previous: { from: '2026-03-16', to: '2026-03-22' },
  lang,
  currency: 'USD',
  topN: 5,
  sections: ['stage_mix', 'decline_movers', 'at_risk', 'retention', 'offers', 'data_health'],
  dashboardUrl: null,
  stageMix: stageMix('2026-03-29', [{ stage: 'decline', status: 'leaving', players: 1234, revenue: '10.5' }], '2026-03-22', []),
  declineMovers: {
    fromDay: '2026-03-22',
    toDay: '2026-03-29',
    players: 1,
    lifetimeSpend: '1234567.891',
    recentSpend: '0',
    expectedClv: '0',
    scoredPlayers: 0,
    byFrom: [{ from: 'stable', players: 1, lifetimeSpend: '1234567.891' }],
    top: [
      {
        playerId: '<img src=x onerror=alert(1)>',
        serverId: '=HYPERLINK("http://evil")',
        tier: 'whale',
        from: 'stable',
        idleDays: 9,
        lifetimeSpend: '1234567.891',
        recentSpend: '0',
        expectedClv: null,
      },
    ],
  },
  atRisk: { asOf: '2026-03-29', total: 0, top: [] },
  retention: {
    daily: block('day', [cohort('2026-03-16', 4, [4, 2, 1, 1, 0, 0, 0, 1], 31)]),
    weekly: block('week', [cohort('2026-02-02', 10, [10, 4, 3], 13), cohort('2026-02-09', 20, [20, 5], 13)]),
  },
  offers: {
    asOf: '2026-03-29',
    cost: '10',
    expectedRetainedRevenue: '25',
    net: '15',
    offers: [
      {
        offerId: 'o1',
        name: 'Gift & "more" <b>',
        texts: { zh: { name: '礼包 <i>' } },
        kind: 'starter_gift',
        audience: 3,
        cost: '10',
        expectedRetainedRevenue: '25',
        net: '15',
        roi: 1.5,
      },
    ],
  },
  dataHealth: {
    latestEventAt: '2026-03-29T15:59:00.000Z',
    latestFile: { name: 'sessions_<1>.ndjson', ingestedAt: '2026-03-29T16:30:00.000Z' },
    files: 2,
    rejectedFiles: 0,
    rowsLoaded: 100,
    quarantined: 3,
    quarantineByReason: [{ reason: 'bad <amount>', rows: 3 }],
  },
});

/** Overview figures of a window: counts, money as a decimal string, shares 0..1. */
const figures = (avgDau: number, revenue: string, retentionD7: number | null) => ({
  dau: avgDau,
  wau: 0,
  mau: 0,
  activePlayers: avgDau * 3,
  payingPlayers: 2,
  revenue,
  payingRate: 0,
  arpu: '0',
  arppu: '0',
  avgDau,
  newPlayers: 5,
  retentionD1: null,
  retentionD7,
  retentionD30: null,
  payingConversion: null,
});
const NOW = figures(120, '1500.5', 0.25);
const BEFORE = figures(100, '0', 0.3);

const summary = (lang: 'en' | 'zh'): ReportSummary => {
  const s = base(lang);
  return { ...s, headline: headline(NOW, BEFORE, changes(NOW, BEFORE), s.stageMix!, s.offers!) };
};

describe('report formatting', () => {
  it('formats money exactly from decimal strings, shares and changes with fixed digits', () => {
    expect(en.fmt.money('1234567.891')).toBe('$1,234,567.89');
    expect(en.fmt.money('0.005')).toBe('$0.01');
    expect(en.fmt.money(null)).toBe('–');
    expect(zh.fmt.money('12.5')).toBe('US$12.50');
    expect(en.fmt.percent(0.41666)).toBe('41.7%');
    expect([en.fmt.change(3), en.fmt.change(-1234), en.fmt.change(0)]).toEqual(['+3', '−1,234', '0']);
    // Timestamps in the game time zone (UTC+8), to the minute.
    expect(en.fmt.dateTime('2026-03-29T15:59:00.000Z')).toBe('Mar 29, 2026 23:59 (Asia/Shanghai)');
    // One date format per language: a day and a timestamp's date read alike (the timestamp on its game-zone day).
    expect([en.fmt.day('2026-03-30'), en.fmt.dateTime('2026-03-29T16:00:00.000Z')]).toEqual(['Mar 30, 2026', 'Mar 30, 2026 00:00 (Asia/Shanghai)']);
    expect([zh.fmt.day('2026-03-30'), zh.fmt.dateTime('2026-03-29T16:00:00.000Z')]).toEqual(['2026年3月30日', '2026年3月30日 00:00 (Asia/Shanghai)']);
    expect([en.fmt.relative(0.1234), en.fmt.relative(-0.05), en.fmt.relative(null)]).toEqual(['+12.3%', '−5.0%', '–']);
    expect([en.fmt.points(0.012), zh.fmt.points(-0.05)]).toEqual(['+1.2 pts', '−5.0 个百分点']);
    expect(reportFormat('en', 'XBT', 'UTC').money('1.5')).toBe('XBT\u00a01.50');
  });

  it('fills placeholders and keeps unknown values as they are', () => {
    expect(en.t('report.window', { from: 'a', to: 'b' })).toBe('a – b');
    expect(zh.t('movers.top', { n: 5 })).toBe('累计付费最高的 5 名');
  });
});

describe('report charts', () => {
  it('draws this and the previous window per stage row in stage colours', () => {
    const opt = stageMixOption(summary('en').stageMix!, en) as any;
    expect(opt.xAxis.data).toEqual(['Exploration', 'Growth', 'Stable', 'Decline · leaving', 'Decline · lapsed']);
    expect(opt.series[0].data.map((d: any) => [d.value, d.itemStyle.color])).toEqual([
      [0, '#3b82f6'],
      [0, '#22a06b'],
      [0, '#8b5cf6'],
      [1234, '#f07c1f'],
      [0, '#f07c1f'],
    ]);
    expect(opt.series[1].name).toBe('Previous window (Mar 22, 2026)');
    expect((stageMixOption(summary('zh').stageMix!, zh) as any).xAxis.data[3]).toBe('衰退期 · 流失中');
  });

  it('draws retention through the last period reached, one line per weekly cohort plus the curve', () => {
    const s = summary('en').retention!;
    expect(reachedPeriods(s.daily)).toBe(8);
    const daily = retentionOption(s.daily, en) as any;
    expect(daily.xAxis.data).toEqual(['D0', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']);
    expect(daily.series).toHaveLength(1);
    expect(daily.series[0].data).toEqual([100, 50, 25, 25, 0, 0, 0, 25]);
    const weekly = retentionOption(s.weekly, en) as any;
    expect(weekly.series.map((x: any) => x.name)).toEqual(['Feb 2, 2026', 'Feb 9, 2026', 'All cohorts']);
    expect(weekly.series[2].data).toEqual([100, 30, 30]);
  });

  it('renders byte-identical SVG with its own class names', () => {
    const opt = stageMixOption(summary('en').stageMix!, en);
    const a = renderSvg(opt, { width: 400, height: 200, id: 'mix' });
    renderSvg(opt, { width: 400, height: 200, id: 'other' });
    const b = renderSvg(opt, { width: 400, height: 200, id: 'mix' });
    expect(b).toBe(a);
    expect(a.startsWith('<svg ')).toBe(true);
    expect(a).toContain('class="mix-cls-0"');
    expect(a).not.toMatch(/zr\d+-/);
  });
});

describe('report page', () => {
  it('escapes every text from the data', () => {
    expect(esc(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const html = renderHtml(summary('en'), 'Asia/Shanghai');
    for (const raw of ['<img src=x', '<b>', 'sessions_<1>', 'bad <amount>']) expect(html).not.toContain(raw);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Gift &amp; &quot;more&quot; &lt;b&gt;');
    expect(html).toContain('bad &lt;amount&gt;');
  });

  it('shows every section with its empty state and its figures', () => {
    const html = renderHtml(summary('en'), 'Asia/Shanghai');
    // The opening summary and the six sections.
    expect(html.match(/<section id="(?!definitions)/g)).toHaveLength(7);
    expect(html).toContain('No high-value player is at risk.');
    expect(html).toContain('$1,234,567.89');
    expect(html).toContain('150.0%');
    expect(html).toContain('Mar 29, 2026 23:59 (Asia/Shanghai)');
    // No raw YYYY-MM-DD day anywhere a reader sees it (file names aside).
    expect(html.replace(/sessions_&lt;1&gt;\.ndjson/, '').replace(/<[^>]+>/g, '')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    // Cohort tables show the periods reached only: D1, D3, D7 (not D14, D30).
    expect(html).toMatch(/>D7<\/th>/);
    expect(html).not.toMatch(/>D14<\/th>/);
  });

  it('leaves out sections not asked for', () => {
    const s = { ...summary('en'), sections: ['at_risk' as const] };
    const html = renderHtml(s, 'UTC');
    expect(html.match(/<section id="(?!definitions|headline)/g)).toHaveLength(1);
    expect(html).not.toContain('<svg');
    // Its definitions are those of the at-risk list only.
    expect(html).toContain(esc(metricText('pAlive', 'en').definition));
    expect(html).not.toContain(esc(metricText('recentSpend', 'en').definition));
  });

  it('says what its figures mean, from the definitions table of the dashboard, in the language of the report', () => {
    expect(reportMetrics(['stage_mix', 'at_risk', 'data_health'])).toEqual([
      'avgDau',
      'activePlayers',
      'newPlayers',
      'payingPlayers',
      'revenue',
      'retentionD7',
      'periodChange',
      'stagePlayers',
      'lostPlayers',
      'recentSpend',
      'lifetimeSpend',
      'expectedClv',
      'pAlive',
    ]);
    const en = renderHtml(summary('en'), 'UTC');
    expect(en).toContain('<h2 style="font-size:16px;margin:0 0 4px;">What the figures mean</h2>');
    const roi = metricText('offerRoi', 'en');
    expect(en).toContain(`${esc(roi.definition)} <span style="color:#5b6472;">(${esc(roi.window)}; ${esc(roi.unit)})</span>`);
    const zh = renderHtml(summary('zh'), 'UTC');
    expect(zh).toContain('数字的含义');
    expect(zh).toContain(esc(metricText('recentSpend', 'zh').definition));
    expect(zh).not.toContain(esc(metricText('recentSpend', 'en').definition));
  });

  it('writes the Chinese page in Chinese', () => {
    const html = renderHtml(summary('zh'), 'Asia/Shanghai');
    expect(html).toContain('<html lang="zh-CN">');
    for (const label of ['流失报告', '阶段分布', '建议的挽留方案', '没有高价值玩家有流失风险。', '大额付费', '稳定期']) expect(html).toContain(label);
    for (const label of ['Stage mix', 'Whale', 'Lifetime spend']) expect(html).not.toContain(label);
    // An offer named in Chinese shows that name (escaped); the English page keeps the offer's own.
    expect(html).toContain('礼包 &lt;i&gt;');
    expect(html).not.toContain('Gift &amp;');
    expect(renderHtml(summary('en'), 'Asia/Shanghai')).not.toContain('礼包');
  });
});

describe('report opening summary', () => {
  it('leads with the Overview figures against the previous window, the largest movements and the offers worth most', () => {
    const h = summary('en').headline;
    expect(h.figures.map((f) => [f.key, f.value, f.change === null ? null : Number(f.change.toFixed(4))])).toEqual([
      ['avgDau', 120, 0.2],
      ['activePlayers', 360, 0.2],
      ['newPlayers', 5, 0],
      ['payingPlayers', 2, 0],
      ['revenue', '1500.5', null], // nothing to compare with: the previous revenue is 0
      ['retentionD7', 0.25, -0.05], // a share changes in points
    ]);
    expect(h.movements.map((m) => [m.stage, m.status, m.change])).toEqual([['decline', 'leaving', 1234]]);
    expect(h.offers.map((o) => o.offerId)).toEqual(['o1']);
  });

  it('names at most three movements, largest first, and only offers that pay for themselves, best first', () => {
    const mix = stageMix(
      '2026-03-29',
      [
        { stage: 'growth', status: '', players: 10, revenue: '0' },
        { stage: 'stable', status: '', players: 2, revenue: '0' },
        { stage: 'decline', status: 'lapsed', players: 30, revenue: '0' },
        { stage: 'exploration', status: '', players: 1, revenue: '0' },
      ],
      '2026-03-22',
      [{ stage: 'stable', status: '', players: 7, revenue: '0' }],
    );
    const offer = (offerId: string, net: string) => ({ ...base('en').offers!.offers[0], offerId, net });
    const offers = { ...base('en').offers!, offers: [offer('a', '-5'), offer('b', '2.5'), offer('c', '10'), offer('d', '0'), offer('e', '2.5')] };
    const h = headline(NOW, BEFORE, changes(NOW, BEFORE), mix, offers);
    expect(h.movements.map((m) => [m.stage, m.change])).toEqual([
      ['decline', 30],
      ['growth', 10],
      ['stable', -5],
    ]);
    expect(h.offers.map((o) => o.offerId)).toEqual(['c', 'b', 'e']);
  });

  it('links every figure to the same view on the dashboard when PUBLIC_URL is set, and says how to get links when not', () => {
    const without = renderHtml(summary('en'), 'UTC');
    expect(without).not.toContain('<a href=');
    expect(without).toContain('once PUBLIC_URL is set');
    const zh = renderHtml({ ...summary('zh'), dashboardUrl: 'https://dash.example.com' }, 'UTC');
    expect(zh).not.toContain('PUBLIC_URL');
    const hrefs = [...zh.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(hrefs).toContain('https://dash.example.com/?page=overview&from=2026-03-23&to=2026-03-29&lang=zh');
    expect(hrefs).toContain('https://dash.example.com/?page=lifecycle&from=2026-03-22&to=2026-03-29&lang=zh');
    expect(hrefs).toContain('https://dash.example.com/?page=value&list=at_risk_high_value&asOf=2026-03-29&lang=zh');
    expect(hrefs).toContain('https://dash.example.com/?page=offers&asOf=2026-03-29&lang=zh');
    expect(hrefs).toContain('https://dash.example.com/?page=health&lang=zh');
    // Each of the six headline tiles is a link to the Overview of the window.
    expect(zh.match(/<a href="[^"]*page=overview[^"]*"[^>]*data-figure=/g)).toHaveLength(6);
    expect(zh).toContain('概览');
    expect(zh).toContain('变化最大的阶段');
    expect(zh).toContain('礼包 &lt;i&gt;：预计净收益 US$15.00，覆盖 3 名玩家（投资回报率 150.0%）');
  });

  it('words quarantine reasons in the language of the report', () => {
    const s = summary('zh');
    const zh = renderHtml({ ...s, dataHealth: { ...s.dataHealth!, quarantineByReason: [{ reason: 'missing player_id', rows: 3 }] } }, 'UTC');
    expect(zh).toContain('缺少 player_id');
    expect(zh).not.toContain('missing player_id');
  });

  it('lays tables out as lists on a phone, each value beside its column name', () => {
    const html = renderHtml(summary('en'), 'UTC');
    expect(html).toContain('@media (max-width: 600px)');
    expect(html).not.toMatch(/<table (?!class="stack")/);
    expect(html).toContain(
      '<td style="padding:6px 10px;border-bottom:1px solid #e3e6ea;font-size:13px;vertical-align:top;text-align:right;" data-label="Players">',
    );
  });
});

describe('report CSV files', () => {
  it('writes one file per list with fixed English columns and defused formulas', () => {
    const files = reportCsvFiles(summary('zh'));
    expect(files.map((f) => f.name)).toEqual(['stage_mix.csv', 'decline_movers.csv', 'at_risk.csv', 'retention.csv', 'retention_weekly.csv', 'offers.csv']);
    const movers = files[1].content.split('\r\n');
    expect(movers[0]).toBe('from_day,to_day,player_id,server_id,tier,from_stage,idle_days,lifetime_spend,recent_spend,expected_clv');
    expect(movers[1]).toBe(`2026-03-22,2026-03-29,<img src=x onerror=alert(1)>,"'=HYPERLINK(""http://evil"")",whale,stable,9,1234567.891,0,`);
    expect(files[0].content.split('\r\n')[6]).toBe('2026-03-29,2026-03-22,lost,lost,0,,0,,0,');
    expect(files[5].content.split('\r\n')[1]).toBe('2026-03-29,o1,"Gift & ""more"" <b>",starter_gift,3,10,25,15,1.5000');
    expect(files[3].content.split('\r\n')[1].startsWith('2026-03-16,4,,,,100.00,50.00,25.00,25.00,0.00,0.00,0.00,25.00,,')).toBe(true);
  });
});
