// Every visible string, in English and Simplified Chinese, plus the current-language state.
import { createSubscriber } from 'svelte/reactivity';
import { setParams } from './url.ts';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

const en = {
  'app.name': 'Player Lifecycle',
  'app.nav': 'Main navigation',
  'nav.overview': 'Overview',
  'nav.health': 'Data health',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.zh': '中文',
  'common.loading': 'Loading…',
  'common.updating': 'Updating…',
  'common.retry': 'Retry',
  'common.refresh': 'Refresh',
  'common.error': 'Could not load data',
  'common.timesIn': 'Times shown in {tz}',
  'common.chartFailed': 'The chart library could not be loaded; reload the page.',
  'filter.label': 'Filters',
  'filter.server': 'Server',
  'filter.allServers': 'All servers',
  'filter.from': 'From',
  'filter.to': 'To',
  'filter.reset': 'Reset',
  'filter.range': '{from} – {to}',
  'empty.title': 'No data yet: the ingester has not loaded any events',
  'empty.hint':
    'Put session or payment export files into the ingest inbox folder; they are loaded on the next ingest run. Files that fail to load are listed on the Data health page.',
  'empty.range': 'No activity in the selected range',
  'kpi.label': 'Key figures',
  'kpi.dau': 'DAU (last day)',
  'kpi.avgDau': 'Average DAU',
  'kpi.wau': 'WAU',
  'kpi.mau': 'MAU',
  'kpi.newPlayers': 'New players',
  'kpi.revenue': 'Revenue',
  'kpi.payingRate': 'Paying rate',
  'kpi.arppu': 'ARPPU',
  'kpi.arpu': 'ARPU',
  'kpi.onDay': 'on {day}',
  'kpi.payers': '{paying} of {active} active players',
  'kpi.perPayer': 'per paying player',
  'kpi.perPlayer': 'per active player',
  'stage.exploration': 'Exploration',
  'stage.growth': 'Growth',
  'stage.stable': 'Stable',
  'stage.decline': 'Decline',
  'stage.lost': 'Lost players',
  'stage.lostHint': 'left the lifecycle; not part of the distribution',
  'chart.stages': 'Lifecycle stages',
  'chart.asOf': 'as of {day}',
  'chart.stageTrend': 'Stage trend',
  'chart.dauRevenue': 'DAU and revenue',
  'chart.dau': 'DAU',
  'chart.revenue': 'Revenue',
  'chart.players': 'Players',
  'chart.stage': 'Stage',
  'health.engine': 'Engine',
  'health.ok': 'Healthy',
  'health.notOk': 'Degraded',
  'health.embedded': 'Embedded (chDB)',
  'health.remote': 'Remote ClickHouse',
  'health.version': 'Version',
  'health.database': 'Database',
  'health.gameTz': 'Game time zone',
  'health.currency': 'Base currency',
  'health.sessions': 'Session rows',
  'health.payments': 'Payment rows',
  'health.quarantine': 'Quarantined rows',
  'health.players': 'Players',
  'health.latestEvent': 'Latest event',
  'health.never': 'never',
  'run.title': 'Last ingest run',
  'run.none': 'No ingest run yet',
  'run.id': 'Run',
  'run.source': 'Source',
  'run.started': 'Started',
  'run.finished': 'Finished',
  'run.running': 'still running',
  'run.files': 'Files',
  'run.loaded': 'Rows loaded',
  'run.quarantined': 'Rows quarantined',
  'run.duplicates': 'Duplicate rows',
  'run.error': 'Error',
  'ledger.title': 'Ingest ledger',
  'ledger.file': 'File',
  'ledger.kind': 'Kind',
  'ledger.state': 'State',
  'ledger.total': 'Rows',
  'ledger.loaded': 'Loaded',
  'ledger.quarantined': 'Quarantined',
  'ledger.duplicates': 'Duplicates',
  'ledger.error': 'Error',
  'ledger.started': 'Started',
  'ledger.finished': 'Finished',
  'ledger.empty': 'No files ingested yet',
  'kind.sessions': 'Sessions',
  'kind.payments': 'Payments',
  'state.loading': 'Loading',
  'state.done': 'Done',
  'state.rejected': 'Rejected',
  'state.duplicate': 'Duplicate file',
  'quarantine.title': 'Quarantine by reason',
  'quarantine.total': '{n} rows in quarantine',
  'quarantine.reason': 'Reason',
  'quarantine.rows': 'Rows',
  'quarantine.recent': 'Recent quarantined rows',
  'quarantine.file': 'File',
  'quarantine.line': 'Line',
  'quarantine.raw': 'Raw text',
  'quarantine.at': 'At',
  'quarantine.empty': 'No quarantined rows',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'app.name': '玩家生命周期',
  'app.nav': '主导航',
  'nav.overview': '概览',
  'nav.health': '数据健康',
  'lang.label': '语言',
  'lang.en': 'English',
  'lang.zh': '中文',
  'common.loading': '加载中…',
  'common.updating': '更新中…',
  'common.retry': '重试',
  'common.refresh': '刷新',
  'common.error': '数据加载失败',
  'common.timesIn': '时间按 {tz} 显示',
  'common.chartFailed': '图表组件加载失败，请刷新页面。',
  'filter.label': '筛选',
  'filter.server': '服务器',
  'filter.allServers': '全部服务器',
  'filter.from': '开始日期',
  'filter.to': '结束日期',
  'filter.reset': '重置',
  'filter.range': '{from} 至 {to}',
  'empty.title': '暂无数据：采集程序尚未载入任何事件',
  'empty.hint': '请将会话或付费导出文件放入采集收件箱目录，下一次采集运行时会自动载入。载入失败的文件会列在“数据健康”页面。',
  'empty.range': '所选时间范围内没有活跃数据',
  'kpi.label': '关键指标',
  'kpi.dau': '日活跃（最后一天）',
  'kpi.avgDau': '平均日活跃',
  'kpi.wau': '周活跃',
  'kpi.mau': '月活跃',
  'kpi.newPlayers': '新增玩家',
  'kpi.revenue': '收入',
  'kpi.payingRate': '付费率',
  'kpi.arppu': 'ARPPU',
  'kpi.arpu': 'ARPU',
  'kpi.onDay': '{day}',
  'kpi.payers': '{active} 名活跃玩家中 {paying} 名付费',
  'kpi.perPayer': '每付费玩家',
  'kpi.perPlayer': '每活跃玩家',
  'stage.exploration': '探索期',
  'stage.growth': '成长期',
  'stage.stable': '稳定期',
  'stage.decline': '衰退期',
  'stage.lost': '流失玩家',
  'stage.lostHint': '已离开生命周期，不计入分布',
  'chart.stages': '生命周期阶段分布',
  'chart.asOf': '截至 {day}',
  'chart.stageTrend': '阶段趋势',
  'chart.dauRevenue': '日活跃与收入',
  'chart.dau': '日活跃',
  'chart.revenue': '收入',
  'chart.players': '玩家数',
  'chart.stage': '阶段',
  'health.engine': '引擎',
  'health.ok': '正常',
  'health.notOk': '异常',
  'health.embedded': '嵌入式（chDB）',
  'health.remote': '远程 ClickHouse',
  'health.version': '版本',
  'health.database': '数据库',
  'health.gameTz': '游戏时区',
  'health.currency': '基准货币',
  'health.sessions': '会话行数',
  'health.payments': '付费行数',
  'health.quarantine': '隔离行数',
  'health.players': '玩家数',
  'health.latestEvent': '最新事件',
  'health.never': '无',
  'run.title': '最近一次采集',
  'run.none': '尚无采集记录',
  'run.id': '批次',
  'run.source': '来源',
  'run.started': '开始时间',
  'run.finished': '结束时间',
  'run.running': '仍在运行',
  'run.files': '文件数',
  'run.loaded': '已载入行',
  'run.quarantined': '已隔离行',
  'run.duplicates': '重复行',
  'run.error': '错误',
  'ledger.title': '采集台账',
  'ledger.file': '文件',
  'ledger.kind': '类型',
  'ledger.state': '状态',
  'ledger.total': '总行数',
  'ledger.loaded': '已载入',
  'ledger.quarantined': '已隔离',
  'ledger.duplicates': '重复',
  'ledger.error': '错误',
  'ledger.started': '开始',
  'ledger.finished': '结束',
  'ledger.empty': '尚未采集任何文件',
  'kind.sessions': '会话',
  'kind.payments': '付费',
  'state.loading': '载入中',
  'state.done': '完成',
  'state.rejected': '已拒绝',
  'state.duplicate': '重复文件',
  'quarantine.title': '隔离原因汇总',
  'quarantine.total': '隔离区共 {n} 行',
  'quarantine.reason': '原因',
  'quarantine.rows': '行数',
  'quarantine.recent': '最近隔离的行',
  'quarantine.file': '文件',
  'quarantine.line': '行号',
  'quarantine.raw': '原始内容',
  'quarantine.at': '时间',
  'quarantine.empty': '没有隔离的行',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { en, zh };

export type Vars = Record<string, string | number>;
export type Translator = (key: MessageKey, vars?: Vars) => string;

/** Looks a key up and fills "{name}" placeholders; pure, so tests and chart builders can use it directly. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text: string = messages[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

function isLang(value: unknown): value is Lang {
  return LANGS.includes(value as Lang);
}

/** URL wins over the stored choice, which wins over the browser's preference. */
export function detectLang(fromUrl: string | null, stored: string | null, preferred: readonly string[]): Lang {
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(stored)) return stored;
  return preferred.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

const STORAGE_KEY = 'lifecycle.lang';
let current: Lang = 'en';
let notify = () => {};
// Lets plain .ts code expose reactive state: templates and $derived that call t() re-run on setLang.
const subscribe = createSubscriber((update) => {
  notify = update;
  return () => (notify = () => {});
});

export function lang(): Lang {
  subscribe();
  return current;
}

export const t: Translator = (key, vars) => translate(lang(), key, vars);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled (privacy mode); the URL still carries the choice
  }
}

function apply(next: Lang): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  notify();
}

/** Browser start-up: picks the language before the first render. */
export function initLang(): void {
  apply(detectLang(new URLSearchParams(location.search).get('lang'), readStored(), navigator.languages ?? []));
}

export function setLang(next: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // see readStored
  }
  setParams({ lang: next });
  apply(next);
}
