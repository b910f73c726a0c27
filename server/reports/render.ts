import { renderSvg, retentionOption, stageMixOption, stageRowLabel, FONT_FAMILY, reachedPeriods } from './charts.ts';
import { definitionsHtml } from './definitions.ts';
import { labelOf, reportFormat, translator, type ReportFormat, type Translate } from './messages.ts';
import { CELL, COLORS, type Column, empty, esc, figure, hint, labelHtml, linked, PHONE_CSS, TABLE, table } from './reportHtml.ts';
import { dashboardLinks, type DashboardView, type LinkTo } from './dashboardLinks.ts';
import { headlineHtml } from './renderHeadline.ts';
import { quarantineReasonText } from '../../contract/quarantineReasons.ts';
import { localWord } from '../../contract/texts.ts';
import type { ReportLang } from '../../contract/enums.ts';
import {
  REPORT_SECTIONS,
  type AtRiskSummary,
  type DataHealthSummary,
  type DeclineMoversSummary,
  type OffersSummary,
  type ReportSection,
  type ReportSummary,
  type RetentionBlock,
  type RetentionSummary,
  type StageMixSummary,
} from './types.ts';

/**
 * The report as one self-contained HTML page: inline CSS (also inline on the
 * table cells, which mail clients keep when they drop <style>), inline SVG
 * charts, no scripts, no external resources. Every text from the data (player
 * and server ids, file names, reasons, offer names) goes through `esc`.
 */

/** The page's content width: charts fill it, and shrink with it on narrow screens (svg max-width). */
const CHART_WIDTH = 860;

function changeCell(fmt: ReportFormat, n: number): string {
  const color = n > 0 ? COLORS.worse : n < 0 ? COLORS.better : COLORS.muted;
  return `<span style="color:${color};">${esc(fmt.change(n))}</span>`;
}

/** Stage counts are good news or bad news depending on the stage, so the change is coloured only for decline. */
function stageMixSection(mix: StageMixSummary, t: Translate, fmt: ReportFormat): string {
  const svg = renderSvg(stageMixOption(mix, { t, fmt }), { width: CHART_WIDTH, height: 280, id: 'stage-mix' });
  const columns: Column<StageMixSummary['rows'][number]>[] = [
    { head: esc(t('mix.stage')), cell: (r) => esc(stageRowLabel(t, r.stage, r.status)) },
    { head: esc(t('mix.players')), cell: (r) => esc(fmt.int(r.players)), align: 'right' },
    { head: esc(t('mix.share')), cell: (r) => esc(fmt.percent(r.share)), align: 'right' },
    { head: esc(t('mix.previous')), cell: (r) => esc(fmt.int(r.previousPlayers)), align: 'right' },
    { head: esc(t('mix.change')), cell: (r) => (r.stage === 'decline' ? changeCell(fmt, r.change) : esc(fmt.change(r.change))), align: 'right' },
    { head: esc(t('mix.recentSpend')), cell: (r) => esc(fmt.money(r.recentSpend)), align: 'right' },
  ];
  const lostRow = `<p style="margin:0 0 8px;font-size:13px;">${labelHtml(t, 'mix.lost', {
    lost: `<strong>${esc(fmt.int(mix.lost))}</strong>`,
    previous: esc(fmt.int(mix.previousLost)),
    change: changeCell(fmt, mix.lost - mix.previousLost),
  })}</p>`;
  return [
    hint(esc(t('mix.hint', { day: fmt.day(mix.asOf), previous: fmt.day(mix.previousAsOf) }))),
    figure(svg, esc(t('mix.chart'))),
    table(columns, mix.rows, [
      esc(t('mix.total')),
      esc(fmt.int(mix.total)),
      esc(fmt.percent(mix.total === 0 ? 0 : 1)),
      esc(fmt.int(mix.previousTotal)),
      esc(fmt.change(mix.total - mix.previousTotal)),
      '',
    ]),
    lostRow,
  ].join('\n');
}

const playerCell = (id: string) => `<span style="font-family:ui-monospace,Menlo,Consolas,monospace;">${esc(id)}</span>`;

interface PlayerRow {
  playerId: string;
  serverId: string;
  tier: string;
  idleDays: number;
  lifetimeSpend: string;
  recentSpend: string;
  expectedClv: string | null;
}

/** The columns every player list shows, with the list's own column (where the player came from, or the status) fourth. */
function playerColumns<T extends PlayerRow>(t: Translate, fmt: ReportFormat, own: Column<T>): Column<T>[] {
  return [
    { head: esc(t('col.player')), cell: (p) => playerCell(p.playerId) },
    { head: esc(t('col.server')), cell: (p) => esc(p.serverId) },
    { head: esc(t('col.tier')), cell: (p) => esc(labelOf(t, 'tier', p.tier)) },
    own,
    { head: esc(t('col.idleDays')), cell: (p) => esc(fmt.int(p.idleDays)), align: 'right' },
    { head: esc(t('col.lifetimeSpend')), cell: (p) => esc(fmt.money(p.lifetimeSpend)), align: 'right' },
    { head: esc(t('col.recentSpend')), cell: (p) => esc(fmt.money(p.recentSpend)), align: 'right' },
    { head: esc(t('col.expectedClv')), cell: (p) => esc(fmt.money(p.expectedClv)), align: 'right' },
  ];
}

/** Where a player list stands in a copy sent without player ids. */
const idsLeftOut = (t: Translate, leftOut: { dashboardUrl: string }) => hint(esc(t('ids.leftOut', { url: leftOut.dashboardUrl })));

function moversSection(m: DeclineMoversSummary, topN: number, t: Translate, fmt: ReportFormat, leftOut?: { dashboardUrl: string }): string {
  const intro = hint(esc(t('movers.hint', { from: fmt.day(m.fromDay), to: fmt.day(m.toDay) })));
  if (m.players === 0) return [intro, empty(esc(t('movers.none')))].join('\n');
  const figures = [
    [t('movers.players'), fmt.int(m.players)],
    [t('movers.lifetimeSpend'), fmt.money(m.lifetimeSpend)],
    [t('movers.recentSpend'), fmt.money(m.recentSpend)],
    [t('movers.expectedClv', { scored: fmt.int(m.scoredPlayers) }), fmt.money(m.expectedClv)],
  ];
  const tiles = table(
    figures.map(([head], i) => ({ head: esc(head), cell: () => `<strong style="font-size:16px;">${esc(figures[i][1])}</strong>`, align: 'right' as const })),
    [null],
  );
  const byFrom = table(
    [
      { head: esc(t('movers.byFrom')), cell: (r: DeclineMoversSummary['byFrom'][number]) => esc(labelOf(t, 'stage', r.from)) },
      { head: esc(t('movers.players')), cell: (r) => esc(fmt.int(r.players)), align: 'right' },
      { head: esc(t('movers.lifetimeSpend')), cell: (r) => esc(fmt.money(r.lifetimeSpend)), align: 'right' },
    ],
    m.byFrom,
  );
  if (leftOut) return [intro, tiles, byFrom, idsLeftOut(t, leftOut)].join('\n');
  const top = table(
    playerColumns(t, fmt, { head: esc(t('col.from')), cell: (p: DeclineMoversSummary['top'][number]) => esc(labelOf(t, 'stage', p.from)) }),
    m.top,
  );
  return [
    intro,
    tiles,
    byFrom,
    `<h3 style="font-size:14px;margin:12px 0 4px;">${esc(t('movers.top', { n: fmt.int(Math.min(topN, m.players)) }))}</h3>`,
    top,
  ].join('\n');
}

function atRiskSection(a: AtRiskSummary, t: Translate, fmt: ReportFormat, leftOut?: { dashboardUrl: string }): string {
  const intro = hint(esc(t('at_risk.hint', { day: fmt.day(a.asOf), total: fmt.int(a.total) })));
  if (a.total === 0) return [intro, empty(esc(t('at_risk.none')))].join('\n');
  if (leftOut) return [intro, idsLeftOut(t, leftOut)].join('\n');
  return [
    intro,
    table(
      [
        ...playerColumns(t, fmt, { head: esc(t('col.status')), cell: (p: AtRiskSummary['top'][number]) => esc(labelOf(t, 'status', p.status)) }),
        { head: esc(t('col.risk')), cell: (p) => esc(p.riskTier ? labelOf(t, 'risk', p.riskTier) : t('value.none')) },
        { head: esc(t('col.lastPayDay')), cell: (p) => esc(p.lastPayDay ? fmt.day(p.lastPayDay) : t('value.none')) },
      ],
      a.top,
    ),
  ].join('\n');
}

/** The periods a cohort table shows, of those reached. */
const TABLE_PERIODS = { day: [1, 3, 7, 14, 30], week: [1, 2, 4, 8, 12] } as const;

function cohortTable(block: RetentionBlock, t: Translate, fmt: ReportFormat): string {
  const reached = reachedPeriods(block);
  const prefix = block.grain === 'day' ? 'D' : 'W';
  const periods = TABLE_PERIODS[block.grain].filter((n) => n < reached);
  const columns: Column<RetentionBlock['cohorts'][number]>[] = [
    { head: esc(t('retention.cohort')), cell: (c) => esc(fmt.day(c.cohort)) },
    { head: esc(t('retention.size')), cell: (c) => esc(fmt.int(c.size)), align: 'right' },
    ...periods.map((n) => ({
      head: `${prefix}${n}`,
      cell: (c: RetentionBlock['cohorts'][number]) => esc(fmt.percent(c.rates[n] ?? null)),
      align: 'right' as const,
    })),
  ];
  const size = block.cohorts.reduce((s, c) => s + c.size, 0);
  return table(columns, block.cohorts, [esc(t('retention.curve')), esc(fmt.int(size)), ...periods.map((n) => esc(fmt.percent(block.curve[n] ?? null)))]);
}

function retentionSection(r: RetentionSummary, t: Translate, fmt: ReportFormat): string {
  const part = (block: RetentionBlock, title: 'retention.daily' | 'retention.weekly', chart: 'retention.chartDaily' | 'retention.chartWeekly') => {
    const head = `<h3 style="font-size:14px;margin:12px 0 4px;">${esc(t(title))} (${esc(t('report.window', { from: fmt.day(block.from), to: fmt.day(block.to) }))})</h3>`;
    if (block.cohorts.length === 0) return [head, empty(esc(t('retention.none')))].join('\n');
    const svg = renderSvg(retentionOption(block, { t, fmt }), { width: CHART_WIDTH, height: 260, id: `retention-${block.grain}` });
    return [head, figure(svg, esc(t(chart))), cohortTable(block, t, fmt)].join('\n');
  };
  return [
    hint(esc(t('retention.hint', { day: fmt.day(r.daily.lastDay) }))),
    part(r.daily, 'retention.daily', 'retention.chartDaily'),
    part(r.weekly, 'retention.weekly', 'retention.chartWeekly'),
  ].join('\n');
}

function offersSection(o: OffersSummary, t: Translate, fmt: ReportFormat, lang: ReportLang): string {
  const intro = hint(esc(t('offers.hint', { day: fmt.day(o.asOf) })));
  if (o.offers.length === 0) return [intro, empty(esc(t('offers.none')))].join('\n');
  return [
    intro,
    table(
      [
        { head: esc(t('offers.offer')), cell: (r: OffersSummary['offers'][number]) => esc(localWord(r, 'name', lang)) },
        { head: esc(t('offers.audience')), cell: (r) => esc(fmt.int(r.audience)), align: 'right' },
        { head: esc(t('offers.cost')), cell: (r) => esc(fmt.money(r.cost)), align: 'right' },
        { head: esc(t('offers.retained')), cell: (r) => esc(fmt.money(r.expectedRetainedRevenue)), align: 'right' },
        { head: esc(t('offers.net')), cell: (r) => esc(fmt.money(r.net)), align: 'right' },
        { head: esc(t('offers.roi')), cell: (r) => esc(fmt.percent(r.roi)), align: 'right' },
      ],
      o.offers,
      [esc(t('offers.total')), '', esc(fmt.money(o.cost)), esc(fmt.money(o.expectedRetainedRevenue)), esc(fmt.money(o.net)), ''],
    ),
  ].join('\n');
}

function dataHealthSection(d: DataHealthSummary, day: string, t: Translate, fmt: ReportFormat, lang: ReportLang): string {
  const facts: [string, string][] = [
    [t('health.latestEvent', { day: fmt.day(day) }), fmt.dateTime(d.latestEventAt)],
    [t('health.latestFile'), d.latestFile ? `${d.latestFile.name}, ${fmt.dateTime(d.latestFile.ingestedAt)}` : t('health.noneYet')],
    [t('health.files'), `${fmt.int(d.files)} (${t('health.rejected')} ${fmt.int(d.rejectedFiles)})`],
    [t('health.rowsLoaded'), fmt.int(d.rowsLoaded)],
    [t('health.quarantined'), fmt.int(d.quarantined)],
  ];
  const list = facts
    .map(([k, v]) => `<tr><th style="${CELL}text-align:left;font-weight:600;width:40%;">${esc(k)}</th><td style="${CELL}">${esc(v)}</td></tr>`)
    .join('\n');
  const reasonWords = (r: DataHealthSummary['quarantineByReason'][number]) => esc(quarantineReasonText(r.reason, lang));
  const reasons = d.quarantineByReason.length
    ? table(
        [
          { head: esc(t('health.reason')), cell: reasonWords },
          { head: esc(t('health.rows')), cell: (r) => esc(fmt.int(r.rows)), align: 'right' },
        ],
        d.quarantineByReason,
      )
    : '';
  return [`<table class="stack" role="table" style="${TABLE}">\n${list}\n</table>`, reasons].filter(Boolean).join('\n');
}

function sectionBody(s: ReportSection, summary: ReportSummary, t: Translate, fmt: ReportFormat): string | null {
  switch (s) {
    case 'stage_mix':
      return summary.stageMix ? stageMixSection(summary.stageMix, t, fmt) : null;
    case 'decline_movers':
      return summary.declineMovers ? moversSection(summary.declineMovers, summary.topN, t, fmt, summary.playerIdsLeftOut) : null;
    case 'at_risk':
      return summary.atRisk ? atRiskSection(summary.atRisk, t, fmt, summary.playerIdsLeftOut) : null;
    case 'retention':
      return summary.retention ? retentionSection(summary.retention, t, fmt) : null;
    case 'offers':
      return summary.offers ? offersSection(summary.offers, t, fmt, summary.lang) : null;
    case 'data_health':
      return summary.dataHealth ? dataHealthSection(summary.dataHealth, summary.window.to, t, fmt, summary.lang) : null;
  }
}

/** The dashboard view each section shows, for its "Open in the dashboard" link. */
function sectionView(s: ReportSection, summary: ReportSummary): DashboardView {
  const { window: w, previous: p } = summary;
  switch (s) {
    case 'stage_mix':
    case 'decline_movers':
      return { page: 'lifecycle', from: p.to, to: w.to };
    case 'at_risk':
      return { page: 'value', list: 'at_risk_high_value', asOf: w.to };
    case 'retention':
      return { page: 'retention', grain: 'day', from: p.from, to: w.to };
    case 'offers':
      return { page: 'offers', asOf: w.to };
    case 'data_health':
      return { page: 'health' };
  }
}

function card(id: string, heading: string, body: string, href: string | null, t: Translate): string {
  const open = href ? `\n<p style="margin:8px 0 0;font-size:13px;">${linked(href, esc(t('report.open')))}</p>` : '';
  return `<section id="${id}" style="background:${COLORS.card};border:1px solid ${COLORS.line};border-radius:8px;padding:16px 20px;margin:0 0 16px;">\n<h2 style="font-size:18px;margin:0 0 4px;">${esc(heading)}</h2>\n${body}${open}\n</section>`;
}

/** The whole page for a summary, in the summary's language; `timeZone` is the game's, for timestamps. */
export function renderHtml(summary: ReportSummary, timeZone: string): string {
  const t = translator(summary.lang);
  const fmt = reportFormat(summary.lang, summary.currency, timeZone);
  const link: LinkTo = dashboardLinks(summary.dashboardUrl, summary.lang);
  const { window: w, previous: p } = summary;
  const period = t('report.window', { from: fmt.day(w.from), to: fmt.day(w.to) });
  const sections = REPORT_SECTIONS.filter((s) => summary.sections.includes(s))
    .map((s) => {
      const body = sectionBody(s, summary, t, fmt);
      return body === null ? '' : card(s, t(`section.${s}`), body, link(sectionView(s, summary)), t);
    })
    .filter(Boolean)
    .join('\n');
  const footer = t(summary.playerIdsLeftOut ? 'report.footerNoIds' : 'report.footer', { from: fmt.day(w.from), to: fmt.day(w.to), tz: timeZone });
  const noLinks = summary.dashboardUrl === null ? ` ${t('report.noLinks')}` : '';
  return `<!DOCTYPE html>
<html lang="${summary.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${t('report.title')} · ${period}`)}</title>
<style>
body { margin: 0; background: ${COLORS.page}; color: ${COLORS.text}; font-family: ${FONT_FAMILY}; }
svg { max-width: 100%; height: auto; }
@media print { section { break-inside: avoid; } }
${PHONE_CSS}
</style>
</head>
<body style="margin:0;background:${COLORS.page};color:${COLORS.text};font-family:${esc(FONT_FAMILY)};">
<div style="max-width:920px;margin:0 auto;padding:24px 12px;">
<header style="margin:0 0 16px;">
<h1 style="font-size:24px;margin:0 0 4px;">${esc(t('report.title'))}</h1>
<p style="margin:0;font-size:15px;font-weight:600;">${esc(period)}</p>
<p style="margin:2px 0 0;color:${COLORS.muted};font-size:13px;">${esc(t('report.compared', { from: fmt.day(p.from), to: fmt.day(p.to) }))} · ${esc(t('report.currency', { currency: summary.currency }))}</p>
</header>
${card('headline', t('section.headline'), headlineHtml(summary, t, fmt, link), null, t)}
${sections}
${definitionsHtml(summary.sections, summary.lang, t('report.definitions'))}
<footer style="color:${COLORS.muted};font-size:12px;margin:8px 0 0;">${esc(footer + noLinks)}</footer>
</div>
</body>
</html>
`;
}
