import type { ReportLang } from '../../contract/enums.ts';

/**
 * Links from a report to the same views on the dashboard: its pages read
 * their state from the query string (web/src/lib/url.ts), so a link names the
 * page, the days and the report's language.
 */
export type DashboardView =
  | { page: 'overview'; from: string; to: string }
  | { page: 'lifecycle'; from: string; to: string }
  | { page: 'value'; list: string; asOf: string }
  | { page: 'retention'; grain: 'day' | 'week'; from: string; to: string }
  | { page: 'offers'; asOf: string }
  | { page: 'health' };

export type LinkTo = (view: DashboardView) => string | null;

/** The link maker of a report: null links when PUBLIC_URL is not set (no address worth sending). */
export function dashboardLinks(base: string | null, lang: ReportLang): LinkTo {
  return (view) => (base === null ? null : `${base}/?${new URLSearchParams({ ...view, lang }).toString()}`);
}
