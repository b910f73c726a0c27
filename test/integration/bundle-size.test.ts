import { describe, expect, it } from 'vitest';
import { measureBundle, type BundleReport } from '../../bench/lib/bundle.ts';

/**
 * The dashboard's bytes, from a real Vite build (in memory): sizes are
 * deterministic for a given source, so the budget is checked here and
 * `npm run bench:bundle` prints the same figures in full.
 */
const INITIAL_SCRIPT_BUDGET_GZIP = 200_000; // bytes, the first load of any page before its own chunk

let report: BundleReport;
const page = (name: string) => {
  const p = report.pages.find((x) => x.page === name);
  if (!p) throw new Error(`no lazily loaded page ${name} in the build`);
  return p;
};

describe('bundle', () => {
  it('keeps the initial script within 200 kB gzip, with no ECharts in it', { timeout: 300_000 }, async () => {
    report = await measureBundle();
    expect(report.initial.script.gzip).toBeLessThanOrEqual(INITIAL_SCRIPT_BUDGET_GZIP);
    const echarts = report.chunks.filter((c) => c.echarts).map((c) => c.file);
    expect(echarts.length).toBeGreaterThan(0);
    expect(report.initial.files.filter((f) => echarts.includes(f))).toEqual([]);
  });

  it('loads each page lazily, and ECharts only with pages that draw a chart', () => {
    for (const name of ['OverviewPage', 'LifecyclePage', 'RetentionPage', 'ValuePage', 'ModelsPage', 'LaunchesPage', 'WinbackPage', 'PlayersPage'])
      expect(page(name).echarts, name).toBe(true);
    for (const name of ['HealthPage', 'SettingsPage', 'OffersPage', 'ReportsPage', 'AuditPage', 'ErasurePage', 'UsersPage'])
      expect(page(name).echarts, name).toBe(false);
    // Chart types are split too: a page loads the code of the chart types it draws and of no other.
    const drawn: Record<string, string[]> = {
      OverviewPage: ['bar', 'line', 'pie'],
      LifecyclePage: ['sankey'],
      RetentionPage: ['heatmap', 'line'],
      ValuePage: ['bar', 'line'],
      LaunchesPage: ['bar'],
      ModelsPage: ['bar', 'line'],
      WinbackPage: ['bar'],
      PlayersPage: ['bar', 'line'],
    };
    for (const [name, types] of Object.entries(drawn)) expect(page(name).charts, name).toEqual(types);
  });
});
