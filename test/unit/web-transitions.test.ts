import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../../web/src/lib/charts/common.ts';
import { playersOnLaterDay, transitionMatrix } from '../../web/src/lib/charts/flows.ts';
import { flowOfClick, transitionSankeyOption } from '../../web/src/lib/charts/transitions.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';
import type { TransitionFlow } from '../../contract/lifecycle.ts';

type Loose = Record<string, any>;
const ctx = (lang: Lang = 'en'): ChartContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang) });
const flow = (from: any, to: any, players: number, lifetimeSpend = '0'): TransitionFlow => ({ from, to, players, lifetimeSpend, recentSpend: '0' });

// The fixture's week-over-week flows (test/integration/lifecycle-transitions.test.ts).
const FLOWS = [
  flow('decline', 'decline', 3, '120'),
  flow('decline', 'growth', 3, '45'),
  flow('decline', 'stable', 1),
  flow('exploration', 'decline', 1, '3'),
  flow('exploration', 'exploration', 1, '2'),
  flow('new', 'exploration', 1),
  flow('stable', 'decline', 1),
];

describe('transition Sankey', () => {
  const series = (transitionSankeyOption(FLOWS, 'USD', ctx()).series as Loose[])[0];

  it('puts each stage once per side, in lifecycle order, and one link per flow with its players', () => {
    expect(series.type).toBe('sankey');
    expect(series.data.map((n: Loose) => [n.name, n.depth])).toEqual([
      ['from:new', 0],
      ['from:exploration', 0],
      ['from:stable', 0],
      ['from:decline', 0],
      ['to:exploration', 1],
      ['to:growth', 1],
      ['to:stable', 1],
      ['to:decline', 1],
    ]);
    expect(series.links).toHaveLength(7);
    expect(series.links).toContainEqual({ source: 'from:decline', target: 'to:growth', value: 3, lifetimeSpend: '45' });
  });

  it('labels nodes and links in the chosen language with players and lifetime spend', () => {
    expect(series.label.formatter({ name: 'from:new', value: 1 })).toBe('New 1');
    const tip = transitionSankeyOption(FLOWS, 'USD', ctx()).tooltip as Loose;
    expect(tip.formatter({ dataType: 'edge', data: series.links[0], value: 3 })).toBe('Decline → Decline: 3 players, lifetime spend $120.00');
    const zh = (transitionSankeyOption(FLOWS, 'USD', ctx('zh')).series as Loose[])[0];
    expect(zh.label.formatter({ name: 'to:growth', value: 3 })).toBe('成长期 3');
  });

  it('leaves out empty flows and maps a link click back to its flow', () => {
    const s = (transitionSankeyOption([...FLOWS, flow('growth', 'stable', 0)], 'USD', ctx()).series as Loose[])[0];
    expect(s.data.map((n: Loose) => n.name)).not.toContain('from:growth');
    expect(flowOfClick({ dataType: 'edge', data: { source: 'from:new', target: 'to:exploration' } })).toEqual({ from: 'new', to: 'exploration' });
    expect(flowOfClick({ dataType: 'node', data: { name: 'from:new' } })).toBeNull();
  });
});

describe('transition matrix', () => {
  it('has the rows and columns that hold players and finds each cell', () => {
    const m = transitionMatrix(FLOWS);
    expect(m.rows).toEqual(['new', 'exploration', 'stable', 'decline']);
    // Every stage and Lost, even with no player moving there.
    expect(m.cols).toEqual(['exploration', 'growth', 'stable', 'decline', 'lost']);
    expect(m.cell('decline', 'lost')).toBeNull();
    expect(m.cell('decline', 'growth')).toEqual({ players: 3, lifetimeSpend: '45' });
    expect(m.cell('stable', 'growth')).toBeNull();
  });

  it('counts the players per stage on the later day', () => {
    expect(playersOnLaterDay(FLOWS)).toEqual({ new: 0, exploration: 2, growth: 3, stable: 1, decline: 5, lost: 0 });
  });
});

describe('player timeline', () => {
  it('draws sessions on their days and spend only on paying days, on a time axis', async () => {
    const { playerTimelineOption } = await import('../../web/src/lib/charts/playerTimeline.ts');
    const o = playerTimelineOption(
      [
        { day: '2026-03-10', sessions: 2, playtimeS: 1200, payments: 1, revenue: '100' },
        { day: '2026-03-14', sessions: 1, playtimeS: 600, payments: 0, revenue: '0' },
      ],
      'USD',
      ctx(),
    ) as Loose;
    expect(o.xAxis.type).toBe('time');
    expect(o.series[0].data).toEqual([
      ['2026-03-10', 2],
      ['2026-03-14', 1],
    ]);
    expect(o.series[1].data).toEqual([['2026-03-10', 100]]);
    expect(o.series[1].tooltip.valueFormatter(100)).toBe('$100.00');
  });
});
