import type { ReportLang } from './types.ts';

/**
 * Every label of the churn report in English and Simplified Chinese, and the
 * number formatting per language. Stage, tier and risk names are the
 * dashboard's (web/src/lib/messages), so a reader finds the same words there.
 */
const EN = {
  'report.title': 'Churn report',
  'report.window': '{from} – {to}',
  'report.compared': 'Compared with {from} – {to}',
  'report.currency': 'Money in {currency}',
  'report.definitions': 'What the figures mean',
  'report.footer': 'Built from the dashboard’s data for the game days {from} – {to} (game time zone {tz}). Lists are also attached as CSV files.',
  'report.footerNoIds':
    'Built from the dashboard’s data for the game days {from} – {to} (game time zone {tz}). Player lists are not attached; they are in the dashboard.',
  'report.open': 'Open in the dashboard',
  'report.noLinks': 'The figures link to the dashboard once PUBLIC_URL is set on its server.',
  'section.headline': 'At a glance',
  'headline.hint': 'The Overview’s figures for {from} – {to}, each against {previousFrom} – {previousTo}.',
  'headline.noChange': 'nothing to compare with',
  'headline.movements': 'Largest movements',
  'headline.movement': '{stage}: {players} ({change} against {day})',
  'headline.noMovements': 'No stage changed.',
  'headline.offers': 'Recommended offers',
  'headline.offer': '{name}: expected net value {net} for {audience} players (ROI {roi})',
  'headline.noOffers': 'No active offer is expected to return more than it costs.',
  'format.points': '{n} pts',
  'section.stage_mix': 'Stage mix',
  'section.decline_movers': 'Players moving into decline',
  'section.at_risk': 'At-risk high-value players',
  'section.retention': 'Retention of recent cohorts',
  'section.offers': 'Proposed retention offers',
  'section.data_health': 'Data freshness and quarantine',
  'mix.hint':
    'Players in each stage on {day} against {previous}. Shares are of the players in the lifecycle: everyone seen and not lost, so leaving and lapsed players count too and the total is more than the month’s active players. Lost players are counted apart.',
  'mix.stage': 'Stage',
  'mix.players': 'Players',
  'mix.share': 'Share',
  'mix.previous': 'Previous',
  'mix.change': 'Change',
  'mix.recentSpend': 'Recent spend',
  'mix.total': 'Players in the lifecycle',
  'mix.lost': 'Lost players (left the lifecycle): {lost} (previous {previous}, {change})',
  'mix.chart': 'Players per stage, this window against the previous one',
  'mix.chartThis': 'This window ({day})',
  'mix.chartPrevious': 'Previous window ({day})',
  'movers.hint': 'Players in another stage on {from} and in decline on {to}, and the value they carry.',
  'movers.players': 'Players',
  'movers.lifetimeSpend': 'Lifetime spend',
  'movers.recentSpend': 'Recent spend',
  'movers.expectedClv': 'Expected CLV ({scored} scored)',
  'movers.byFrom': 'Came from',
  'movers.top': 'Top {n} by lifetime spend',
  'movers.none': 'No player moved into decline.',
  'ids.leftOut': 'Player ids are not sent with this report; the list is in the dashboard (sign-in needed): {url}',
  'at_risk.hint': 'Whales and dolphins in decline (not lost) on {day}: {total} players. The biggest spenders first.',
  'at_risk.none': 'No high-value player is at risk.',
  'col.player': 'Player',
  'col.server': 'Server',
  'col.tier': 'Tier',
  'col.from': 'From',
  'col.status': 'Status',
  'col.idleDays': 'Idle days',
  'col.lifetimeSpend': 'Lifetime spend',
  'col.recentSpend': 'Recent spend',
  'col.expectedClv': 'Expected CLV',
  'col.risk': 'Churn risk',
  'col.lastPayDay': 'Last payment',
  'retention.hint': 'Share of each cohort’s new players active n days (weeks) after their first day. Periods after {day} are not reached yet.',
  'retention.daily': 'Daily cohorts',
  'retention.weekly': 'Weekly cohorts',
  'retention.cohort': 'Cohort',
  'retention.size': 'Players',
  'retention.curve': 'All cohorts',
  'retention.chartDaily': 'Daily cohorts: retained share by day',
  'retention.chartWeekly': 'Weekly cohorts: retained share by week',
  'retention.none': 'No new players in these cohorts.',
  'offers.hint': 'Offers active on {day}: who they reach, what they cost and the revenue they are expected to keep.',
  'offers.offer': 'Offer',
  'offers.audience': 'Audience',
  'offers.cost': 'Cost',
  'offers.retained': 'Expected retained revenue',
  'offers.net': 'Net',
  'offers.roi': 'ROI',
  'offers.total': 'All offers (audiences overlap)',
  'offers.none': 'No active offer.',
  'health.latestEvent': 'Latest event up to {day}',
  'health.latestFile': 'Last file loaded',
  'health.files': 'Files loaded in the window',
  'health.rejected': 'of them rejected',
  'health.rowsLoaded': 'Rows loaded',
  'health.quarantined': 'Rows quarantined',
  'health.reason': 'Reason',
  'health.rows': 'Rows',
  'health.noneYet': 'no file loaded yet',
  'stage.exploration': 'Exploration',
  'stage.growth': 'Growth',
  'stage.stable': 'Stable',
  'stage.decline': 'Decline',
  'stage.lost': 'Lost',
  'stage.new': 'New players',
  'status.leaving': 'leaving',
  'status.lapsed': 'lapsed',
  'status.lost': 'lost',
  'tier.non_payer': 'Non-payer',
  'tier.minnow': 'Minnow',
  'tier.dolphin': 'Dolphin',
  'tier.whale': 'Whale',
  'risk.gone': 'Gone',
  'risk.high': 'High',
  'risk.medium': 'Medium',
  'risk.low': 'Low',
  'value.none': '–',
} as const;

export type MessageKey = keyof typeof EN;

const ZH: Record<MessageKey, string> = {
  'report.title': '流失报告',
  'report.window': '{from} 至 {to}',
  'report.compared': '对比 {from} 至 {to}',
  'report.currency': '金额单位：{currency}',
  'report.definitions': '数字的含义',
  'report.footer': '数据来自看板，游戏日 {from} 至 {to}（游戏时区 {tz}）。名单另附 CSV 文件。',
  'report.footerNoIds': '数据来自看板，游戏日 {from} 至 {to}（游戏时区 {tz}）。玩家名单不随报告发送，请在看板中查看。',
  'report.open': '在看板中打开',
  'report.noLinks': '在看板服务器上设置 PUBLIC_URL 后，报告中的数字会链接到看板。',
  'section.headline': '概览',
  'headline.hint': '总览页 {from} 至 {to} 的数字，各自对比 {previousFrom} 至 {previousTo}。',
  'headline.noChange': '无可比数据',
  'headline.movements': '变化最大的阶段',
  'headline.movement': '{stage}：{players}（对比 {day} {change}）',
  'headline.noMovements': '各阶段人数没有变化。',
  'headline.offers': '推荐的挽留方案',
  'headline.offer': '{name}：预计净收益 {net}，覆盖 {audience} 名玩家（投资回报率 {roi}）',
  'headline.noOffers': '没有预计收益高于成本的有效方案。',
  'format.points': '{n} 个百分点',
  'section.stage_mix': '阶段分布',
  'section.decline_movers': '进入衰退期的玩家',
  'section.at_risk': '有流失风险的高价值玩家',
  'section.retention': '近期新玩家留存',
  'section.offers': '建议的挽留方案',
  'section.data_health': '数据新鲜度与隔离',
  'mix.hint':
    '{day} 各阶段玩家数，对比 {previous}。占比以生命周期内玩家为基数：所有出现过且未流失的玩家，包括流失中和已沉默的玩家，因此总数大于当月活跃玩家。已流失玩家单独计数。',
  'mix.stage': '阶段',
  'mix.players': '玩家数',
  'mix.share': '占比',
  'mix.previous': '上期',
  'mix.change': '变化',
  'mix.recentSpend': '近期付费',
  'mix.total': '生命周期内玩家',
  'mix.lost': '已流失玩家（已离开生命周期）：{lost}（上期 {previous}，{change}）',
  'mix.chart': '各阶段玩家数：本期对比上期',
  'mix.chartThis': '本期（{day}）',
  'mix.chartPrevious': '上期（{day}）',
  'movers.hint': '{from} 处于其他阶段、{to} 进入衰退期的玩家及其价值。',
  'movers.players': '玩家数',
  'movers.lifetimeSpend': '累计付费',
  'movers.recentSpend': '近期付费',
  'movers.expectedClv': '预期生命周期价值（已评分 {scored} 名）',
  'movers.byFrom': '来自阶段',
  'movers.top': '累计付费最高的 {n} 名',
  'movers.none': '没有玩家进入衰退期。',
  'ids.leftOut': '本报告不发送玩家 ID；名单请在仪表盘中查看（需要登录）：{url}',
  'at_risk.hint': '{day} 处于衰退期（未流失）的大额和中额付费玩家：共 {total} 名，按累计付费从高到低。',
  'at_risk.none': '没有高价值玩家有流失风险。',
  'col.player': '玩家',
  'col.server': '服务器',
  'col.tier': '付费层级',
  'col.from': '原阶段',
  'col.status': '状态',
  'col.idleDays': '未活跃天数',
  'col.lifetimeSpend': '累计付费',
  'col.recentSpend': '近期付费',
  'col.expectedClv': '预期生命周期价值',
  'col.risk': '流失风险',
  'col.lastPayDay': '最近付费日',
  'retention.hint': '各批新玩家在首日之后第 n 天（周）仍活跃的比例。{day} 之后的周期尚未到达。',
  'retention.daily': '按日新玩家',
  'retention.weekly': '按周新玩家',
  'retention.cohort': '批次',
  'retention.size': '玩家数',
  'retention.curve': '全部批次',
  'retention.chartDaily': '按日新玩家：各天留存率',
  'retention.chartWeekly': '按周新玩家：各周留存率',
  'retention.none': '这些批次没有新玩家。',
  'offers.hint': '{day} 有效的方案：覆盖人数、成本和预期挽回收入。',
  'offers.offer': '方案',
  'offers.audience': '覆盖人数',
  'offers.cost': '成本',
  'offers.retained': '预期挽回收入',
  'offers.net': '净收益',
  'offers.roi': '投资回报率',
  'offers.total': '全部方案（覆盖人群有重叠）',
  'offers.none': '没有有效的方案。',
  'health.latestEvent': '截至 {day} 的最新事件',
  'health.latestFile': '最近加载的文件',
  'health.files': '本期加载的文件',
  'health.rejected': '其中被拒绝',
  'health.rowsLoaded': '加载行数',
  'health.quarantined': '隔离行数',
  'health.reason': '原因',
  'health.rows': '行数',
  'health.noneYet': '尚未加载文件',
  'stage.exploration': '探索期',
  'stage.growth': '成长期',
  'stage.stable': '稳定期',
  'stage.decline': '衰退期',
  'stage.lost': '已流失',
  'stage.new': '新玩家',
  'status.leaving': '流失中',
  'status.lapsed': '已沉默',
  'status.lost': '已流失',
  'tier.non_payer': '未付费',
  'tier.minnow': '小额付费',
  'tier.dolphin': '中额付费',
  'tier.whale': '大额付费',
  'risk.gone': '已离开',
  'risk.high': '高',
  'risk.medium': '中',
  'risk.low': '低',
  'value.none': '–',
};

const MESSAGES: Record<ReportLang, Record<MessageKey, string>> = { en: EN, zh: ZH };
const LOCALES: Record<ReportLang, string> = { en: 'en-US', zh: 'zh-CN' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Looks up a label and fills its {placeholders}. */
export function translator(lang: ReportLang): Translate {
  const table = MESSAGES[lang];
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A label for a data value with a known key (a stage, tier, risk tier), or the value itself when it has none. */
export function labelOf(t: Translate, prefix: 'stage' | 'status' | 'tier' | 'risk', value: string): string {
  const key = `${prefix}.${value}`;
  return key in EN ? t(key as MessageKey) : value;
}

const DAY_FORMATS: Record<ReportLang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat(LOCALES.en, { dateStyle: 'medium', timeZone: 'UTC' }),
  zh: new Intl.DateTimeFormat(LOCALES.zh, { dateStyle: 'medium', timeZone: 'UTC' }),
};

/** A game day (YYYY-MM-DD) as the report writes every date: Mar 29, 2026 · 2026年3月29日. */
export const formatDay = (lang: ReportLang, day: string): string => DAY_FORMATS[lang].format(new Date(`${day}T00:00:00Z`));

export interface ReportFormat {
  int(n: number): string;
  /** A ratio as a percentage with one decimal. */
  percent(ratio: number | null): string;
  /** A signed whole number: +12, −3, 0. */
  change(n: number): string;
  /** A relative change (0.123 = +12.3%), signed; null as the none mark. */
  relative(r: number | null): string;
  /** A change of shares in percentage points (0.012 = +1.2 pts), signed; null as the none mark. */
  points(p: number | null): string;
  /** A decimal money string in the base currency, exact (never through a float). */
  money(amount: string | null): string;
  day(day: string): string;
  /** An ISO timestamp in the game time zone, to the minute. */
  dateTime(iso: string | null): string;
}

/**
 * Fixed formatting per language: the same input always gives the same text,
 * so re-built reports stay byte-identical.
 */
export function reportFormat(lang: ReportLang, currency: string, timeZone: string): ReportFormat {
  const locale = LOCALES[lang];
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // Config only accepts three-letter codes, which Intl formats whether it knows them or not (XBT 1.50).
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // ES2023 Intl formats a decimal string exactly; the cast keeps ES2022-lib type checks happy.
  const exact = moneyFormat.format as unknown as (value: string) => string;
  // One date format per language: days and the date part of timestamps read the same everywhere in the report.
  const dayIn = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const timeIn = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const none = MESSAGES[lang]['value.none'];
  const signed = (n: number, text: (abs: number) => string) => (n > 0 ? `+${text(n)}` : n < 0 ? `−${text(-n)}` : text(0));
  return {
    int: (n) => int.format(n),
    percent: (r) => (r === null ? none : pct.format(r)),
    change: (n) => signed(n, (a) => int.format(a)),
    relative: (r) => (r === null ? none : signed(r, (a) => pct.format(a))),
    points: (p) => (p === null ? none : signed(p, (a) => MESSAGES[lang]['format.points'].replace('{n}', oneDecimal.format(a * 100)))),
    money: (a) => (a === null ? none : exact(a)),
    day: (d) => formatDay(lang, d),
    dateTime: (iso) => (iso === null ? none : `${dayIn.format(new Date(iso))} ${timeIn.format(new Date(iso))} (${timeZone})`),
  };
}
