import type { Day } from '../../contract/common.ts';

/** A request path with its query; names with an empty value are left out, as the pages leave them out. */
function url(path: string, query: Record<string, string | null> = {}): string {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return q ? `${path}?${q}` : path;
}

/**
 * The requests each page sends when it is opened with its defaults, as the
 * browser sends them. The page warmer computes them after every change of the
 * data, so the first visit of a page is answered from memory;
 * test/e2e/readiness.test.ts opens every page in Chromium and fails on a
 * request of the page that the warmer did not compute. `lastDay`: the last day
 * with data (GET /api/meta), which some pages pass as their as-of day.
 */
export function pageRequests(lastDay: Day | null): Record<string, string[]> {
  const asOf = lastDay;
  return {
    shell: ['/api/meta'],
    overview: ['/api/overview', '/api/stages/trend'],
    lifecycle: ['/api/lifecycle/transitions'],
    retention: [
      '/api/retention/filters',
      url('/api/retention', { grain: 'day', mode: 'classic' }),
      url('/api/retention/ltv', { grain: 'day', mode: 'classic' }),
    ],
    value: ['/api/value', url('/api/value/lists/top_spenders', { asOf, sort: 'spend' })],
    models: ['/api/models', url('/api/models/trust', { kind: 'engagement' }), '/api/models/segments', url('/api/models/cohorts', { grain: 'week' })],
    offers: ['/api/offers', url('/api/offers/proposals', { sort: 'roi' })],
    launches: ['/api/launches'],
    reports: ['/api/reports/schedules', url('/api/reports/runs', { offset: '0', limit: '25' })],
    // The comrade pairs are stored by their own refresh after each ingest and read as they are (never cached).
    winback: [url('/api/winback/rescue', { asOf, sort: 'return', offset: '0' }), url('/api/winback/servers', { asOf }), '/api/winback/choices', '/api/offers'],
    settings: ['/api/settings/lifecycle'],
    health: ['/api/ingest/status'],
  };
}
