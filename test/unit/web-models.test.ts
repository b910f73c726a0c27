import { afterEach, describe, expect, it, vi } from 'vitest';
import { RISK_ORDER } from '../../server/models/riskTier.ts';
import { fitModels, getTrust } from '../../web/src/lib/api.ts';
import type { ChartContext } from '../../web/src/lib/charts/common.ts';
import { cohortProjectionOption, MAX_COHORT_LINES, segmentGroups, trustOption, trustReading } from '../../web/src/lib/charts/models.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang, type MessageKey } from '../../web/src/lib/i18n.ts';
import type { CohortProjection, SegmentClv, TrustBucket } from '../../contract/models.ts';

type Loose = Record<string, any>;
const ctx = (lang: Lang = 'en'): ChartContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang) });

const bucket = (b: number, players: number, predicted: number | null, actual: number): TrustBucket => ({
  bucket: b,
  label: b === 7 ? '7+' : String(b),
  players,
  predicted,
  actual,
});
/** Eight buckets: 0..6 and 7+, the shape GET /api/models/trust answers with. */
const BUCKETS: TrustBucket[] = [
  bucket(0, 100, 50, 40),
  bucket(1, 50, 40, 35),
  bucket(2, 20, 30, 30),
  bucket(3, 0, 0, 0),
  bucket(4, 10, 25, 20),
  bucket(5, 10, 30, 28),
  bucket(6, 5, 20, 18),
  bucket(7, 20, 200, 120),
];

describe('trust chart', () => {
  it('draws per-player actual bars and the predicted line over the eight frequency buckets', () => {
    const o = trustOption(BUCKETS, 'engagement', ctx()) as Loose;
    expect(o.xAxis.data).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(o.xAxis.name).toBe('Repeat active days before the calibration end');
    expect(o.yAxis.name).toBe('Active days per player in the holdout');
    expect(o.series.map((s: Loose) => [s.type, s.name])).toEqual([
      ['bar', 'Actual'],
      ['line', 'Predicted'],
    ]);
    // Means per player; the empty bucket is a gap, not a zero.
    expect(o.series[0].data).toEqual([0.4, 0.7, 1.5, null, 2, 2.8, 3.6, 6]);
    expect(o.series[1].data).toEqual([0.5, 0.8, 1.5, null, 2.5, 3, 4, 10]);
    expect(o.tooltip.valueFormatter(0.123456)).toBe('0.1235');
    expect(o.tooltip.valueFormatter(null)).toBe('–');
  });

  it('names the axes per kind and language, and leaves the predicted line out when the fit is unusable', () => {
    const unusable = BUCKETS.map((b) => ({ ...b, predicted: null }));
    const o = trustOption(unusable, 'monetary', ctx('zh')) as Loose;
    expect(o.xAxis.name).toBe('校准截止日前的重复付费天数');
    expect(o.yAxis.name).toBe('保留期内人均付费天数');
    expect(o.series).toHaveLength(1);
    expect(o.series[0].name).toBe('实际');
  });

  it('reads the check in numbers: totals, the relative error, the worst bucket and a verdict', () => {
    const r = trustReading(BUCKETS)!;
    expect(r.predicted).toBe(395);
    expect(r.actual).toBe(291);
    expect(r.error).toBeCloseTo(104 / 291, 12);
    // 7+ is off by (200 - 120) / 20 = 4 per player; no other bucket is off by more than 0.5.
    expect(r.worst).toEqual({ label: '7+', predicted: 10, actual: 6 });
    expect(r.verdict).toBe('poor');
    const close = trustReading([bucket(0, 10, 10.5, 10), bucket(7, 10, 19, 20)])!;
    expect([close.error, close.verdict]).toEqual([-0.5 / 30, 'close']);
    expect(trustReading([bucket(0, 10, 12, 10)])!.verdict).toBe('fair');
    expect(trustReading(BUCKETS.map((b) => ({ ...b, predicted: null })))).toBeNull();
    expect(trustReading([bucket(0, 10, 3, 0)])).toBeNull();
    expect(trustReading([])).toBeNull();
  });
});

const cohort = (day: string, size: number, survivors: number[], projected: number[] | null): CohortProjection => ({
  cohort: day,
  size,
  survivors,
  observed: survivors.map((s) => s / size),
  status: projected ? 'ok' : 'degenerate',
  message: projected ? 'converged' : 'beta runs off',
  note: projected ? { code: 'converged', values: {} } : { code: 'runs_off', values: { param: 'beta', value: '1e+6', to: 'infinity' } },
  params: projected ? { alpha: 1, beta: 2 } : null,
  logLikelihood: projected ? -10 : null,
  projected,
});

describe('cohort projection chart', () => {
  it('draws each cohort observed (solid) and projected (dashed) under one legend name, in percent', () => {
    const cohorts = [cohort('2026-10-05', 200, [200, 100, 60], [1, 0.5, 0.3333, 0.25, 0.2]), cohort('2026-10-12', 100, [100, 40, 30], null)];
    const o = cohortProjectionOption(cohorts, 'week', 4, ctx()) as Loose;
    expect(o.xAxis.data).toEqual(['W0', 'W1', 'W2', 'W3', 'W4']);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100, name: 'Still playing' });
    expect(o.series.map((s: Loose) => s.name)).toEqual(['week of Oct 5 (200)', 'week of Oct 5 (200)', 'week of Oct 12 (100)', 'week of Oct 12 (100)']);
    expect(o.series[0].data).toEqual([100, 50, 30]);
    expect(o.series[1].data).toEqual([100, 50, 33.3, 25, 20]);
    expect(o.series[1].lineStyle.type).toBe('dashed');
    expect(o.series[0].lineStyle.type).toBeUndefined();
    expect(o.series[0].itemStyle.color).toBe(o.series[1].itemStyle.color);
    // A cohort whose fit failed keeps its observed line and has no projection.
    expect(o.series[3].data).toEqual([]);
    const tip = o.tooltip.formatter([
      { seriesIndex: 0, value: 30, axisValue: 'W2' },
      { seriesIndex: 1, value: 33.3, axisValue: 'W2' },
      { seriesIndex: 2, value: 30, axisValue: 'W2' },
    ]);
    expect(tip).toBe('W2<br>week of Oct 5 (200): observed 30.0%, projected 33.3%<br>week of Oct 12 (100): observed 30.0%');
  });

  it('keeps only the most recent cohorts, and the axis covers the longest observed run', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      cohort(
        `2025-${String(i + 1).padStart(2, '0')}-01`,
        1000,
        Array.from({ length: 14 - i }, (_, t) => 1000 - t * 50),
        [1, 0.9, 0.8],
      ),
    );
    const o = cohortProjectionOption(many, 'month', 2, ctx('zh')) as Loose;
    expect(MAX_COHORT_LINES).toBe(8);
    expect(o.series).toHaveLength(2 * MAX_COHORT_LINES);
    expect(o.series[0].name).toBe('2025年5月（1,000）');
    expect(o.series.at(-1).name).toBe('2025年12月（1,000）');
    // The oldest cohort drawn (May) has 10 observed periods, more than the horizon of 2.
    expect(o.xAxis.data).toHaveLength(10);
    expect(o.xAxis.data[9]).toBe('M9');
  });
});

describe('segment rows', () => {
  it('groups segments by stage in lifecycle order and sorts each stage from whales down', () => {
    const seg = (stage: SegmentClv['stage'], tier: SegmentClv['tier']): SegmentClv => ({
      stage,
      tier,
      players: 1,
      retained: 1,
      revenue: '1',
      margin: '1',
      retention: 1,
      clv: '1',
      contributions: [1],
      retentionLow: 0.2,
      retentionHigh: 1,
      clvLow: '1',
      clvHigh: '1',
      small: true,
      rank: null,
    });
    const groups = segmentGroups([
      seg('decline', 'minnow'),
      seg('stable', 'non_payer'),
      seg('decline', 'whale'),
      seg('exploration', 'dolphin'),
      seg('stable', 'whale'),
    ]);
    expect(groups.map((g) => [g.stage, g.rows.map((r) => r.tier)])).toEqual([
      ['exploration', ['dolphin']],
      ['stable', ['whale', 'non_payer']],
      ['decline', ['whale', 'minnow']],
    ]);
  });
});

describe('model formatting and messages', () => {
  it('prints parameters with four significant digits and months per language', () => {
    expect(formatter('en').sig(2.322395955)).toBe('2.322');
    expect(formatter('en').sig(0.000123456)).toBe('0.0001235');
    expect(formatter('en').sig(-905320.02)).toBe('-905,300');
    expect(formatter('en').month('2026-09-01')).toBe('Sep 2026');
    expect(formatter('zh').month('2026-09-30')).toBe('2026年9月');
  });

  it('names every churn-risk tier of the server in both languages, and the page heading in Chinese', () => {
    for (const lang of ['en', 'zh'] as const) for (const tier of RISK_ORDER) expect(translate(lang, `risk.${tier}` as MessageKey)).toMatch(/\S/);
    expect(translate('zh', 'models.title')).toBe('流失与价值模型');
    expect(translate('zh', 'nav.models')).toBe('模型');
  });
});

describe('model API calls', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('leaves empty trust parameters to the server and posts the fit', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ asOf: null, unit: 'day', runs: [], buckets: [] })));
    vi.stubGlobal('fetch', fetchMock);
    await getTrust({ kind: 'monetary', calibrationEnd: '', holdoutDays: '14' });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/models/trust?kind=monetary&holdoutDays=14');
    await fitModels();
    expect(fetchMock.mock.calls[1][0]).toBe('/api/models/fit');
    expect(fetchMock.mock.calls[1][1]).toMatchObject({ method: 'POST', body: '{}' });
  });
});
