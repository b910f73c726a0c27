import { metricText } from '../../contract/metricDefinitions.ts';
import { localWord } from '../../contract/texts.ts';
import { stageRowLabel } from './charts.ts';
import type { LinkTo } from './dashboardLinks.ts';
import type { ReportFormat, Translate } from './messages.ts';
import { COLORS, esc, hint, linked } from './reportHtml.ts';
import type { HeadlineFigure, HeadlineSummary, ReportSummary } from './types.ts';

/**
 * The report's opening: the headline KPIs as tiles (inline blocks, so they
 * wrap to the width of a phone without a media query), the largest stage
 * movements and the offers worth most, each linked to the same view on the
 * dashboard when PUBLIC_URL is set.
 */

const TILE = `display:inline-block;vertical-align:top;box-sizing:border-box;width:150px;margin:0 8px 8px 0;padding:8px 10px;border:1px solid ${COLORS.line};border-radius:6px;color:${COLORS.text};text-decoration:none;`;

function figureValue(f: HeadlineFigure, fmt: ReportFormat): string {
  if (f.value === null) return fmt.percent(null);
  if (f.key === 'revenue') return fmt.money(String(f.value));
  return f.kind === 'points' ? fmt.percent(Number(f.value)) : fmt.int(Number(f.value));
}

/** Every headline figure is better when it rises. */
function figureChange(f: HeadlineFigure, t: Translate, fmt: ReportFormat): string {
  if (f.change === null) return `<span style="color:${COLORS.muted};">${esc(t('headline.noChange'))}</span>`;
  const color = f.change > 0 ? COLORS.better : f.change < 0 ? COLORS.worse : COLORS.muted;
  return `<span style="color:${color};">${esc(f.kind === 'points' ? fmt.points(f.change) : fmt.relative(f.change))}</span>`;
}

function tile(f: HeadlineFigure, summary: ReportSummary, t: Translate, fmt: ReportFormat, href: string | null): string {
  const body = [
    `<span style="display:block;font-size:12px;color:${COLORS.muted};">${esc(metricText(f.key, summary.lang).name)}</span>`,
    `<strong style="display:block;font-size:18px;margin:2px 0;">${esc(figureValue(f, fmt))}</strong>`,
    `<span style="display:block;font-size:12px;">${figureChange(f, t, fmt)}</span>`,
  ].join('');
  return href ? `<a href="${esc(href)}" style="${TILE}" data-figure="${f.key}">${body}</a>` : `<div style="${TILE}" data-figure="${f.key}">${body}</div>`;
}

const list = (items: string[]) =>
  `<ul style="margin:4px 0 12px;padding-left:20px;font-size:14px;">${items.map((i) => `<li style="margin:2px 0;">${i}</li>`).join('')}</ul>`;
const subhead = (text: string) => `<h3 style="font-size:14px;margin:12px 0 4px;">${text}</h3>`;

export function headlineHtml(summary: ReportSummary, t: Translate, fmt: ReportFormat, link: LinkTo): string {
  const h: HeadlineSummary = summary.headline;
  const { window: w, previous: p } = summary;
  const overview = link({ page: 'overview', from: w.from, to: w.to });
  const flows = link({ page: 'lifecycle', from: p.to, to: w.to });
  const offers = link({ page: 'offers', asOf: w.to });
  const movements = h.movements.map((m) =>
    esc(
      t('headline.movement', {
        stage: stageRowLabel(t, m.stage, m.status),
        players: fmt.int(m.players),
        change: fmt.change(m.change),
        day: fmt.day(p.to),
      }),
    ),
  );
  const offerItems = h.offers.map((o) =>
    esc(t('headline.offer', { name: localWord(o, 'name', summary.lang), net: fmt.money(o.net), audience: fmt.int(o.audience), roi: fmt.percent(o.roi) })),
  );
  return [
    hint(esc(t('headline.hint', { from: fmt.day(w.from), to: fmt.day(w.to), previousFrom: fmt.day(p.from), previousTo: fmt.day(p.to) }))),
    `<div style="margin:8px 0 4px;">${h.figures.map((f) => tile(f, summary, t, fmt, overview)).join('')}</div>`,
    subhead(linked(flows, esc(t('headline.movements')))),
    movements.length ? list(movements) : `<p style="margin:4px 0 12px;font-size:14px;">${esc(t('headline.noMovements'))}</p>`,
    subhead(linked(offers, esc(t('headline.offers')))),
    offerItems.length ? list(offerItems) : `<p style="margin:4px 0 12px;font-size:14px;">${esc(t('headline.noOffers'))}</p>`,
  ].join('\n');
}
