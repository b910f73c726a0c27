import { metricText, type MetricKey } from '../../contract/metricDefinitions.ts';
import { HEADLINE_FIGURES, type ReportLang, type ReportSection } from './types.ts';
import { COLORS, esc } from './reportHtml.ts';

/** The metrics each section shows, as the dashboard's definitions table names them. */
const SECTION_METRICS: Record<ReportSection, MetricKey[]> = {
  stage_mix: ['stagePlayers', 'lostPlayers', 'recentSpend'],
  decline_movers: ['lifetimeSpend', 'recentSpend', 'expectedClv'],
  at_risk: ['lifetimeSpend', 'expectedClv', 'pAlive'],
  retention: ['retentionDn'],
  offers: ['offerAudience', 'offerCost', 'retainedRevenue', 'offerNet', 'offerRoi'],
  data_health: [],
};

/** The metrics the report shows, each once: the opening summary's, then the sections' in the order they come. */
export function reportMetrics(sections: readonly ReportSection[]): MetricKey[] {
  return [...new Set([...HEADLINE_FIGURES, 'periodChange' as const, ...sections.flatMap((s) => SECTION_METRICS[s])])];
}

/**
 * "What the figures mean": each metric's one-sentence definition, window and
 * unit from the same table as the dashboard's info marks, so a report read away
 * from the dashboard says what its numbers count.
 */
export function definitionsHtml(sections: readonly ReportSection[], lang: ReportLang, heading: string): string {
  const items = reportMetrics(sections).map((key) => {
    const m = metricText(key, lang);
    return `<dt style="font-weight:600;margin:8px 0 0;">${esc(m.name)}</dt><dd style="margin:2px 0 0;">${esc(m.definition)} <span style="color:${COLORS.muted};">(${esc(m.window)}; ${esc(m.unit)})</span></dd>`;
  });
  if (!items.length) return '';
  return `<section id="definitions" style="font-size:13px;margin:0 0 16px;">\n<h2 style="font-size:16px;margin:0 0 4px;">${esc(heading)}</h2>\n<dl style="margin:0;">${items.join('\n')}</dl>\n</section>`;
}
