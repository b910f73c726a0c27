// CSV downloads: the options every export takes, and the one table of column headers in both languages.
import type { ReportLang } from './enums.ts';

/** ?header=labels (default): headers in the user's language; ?header=keys: the stable machine names below, for scripts. */
export const CSV_HEADER_STYLES = ['labels', 'keys'] as const;
export type CsvHeaderStyle = (typeof CSV_HEADER_STYLES)[number];

/** What every *.csv route takes on top of its own filters. */
export interface CsvOptions {
  lang: ReportLang;
  header: CsvHeaderStyle;
}

type Label = Record<ReportLang, string>;

/**
 * The header of every CSV column by machine key. A column whose key is not here
 * cannot be written (the export helper's type takes only these keys), so no
 * export can ship a header in one language only.
 */
export const CSV_COLUMNS = {
  player_id: { en: 'Player', zh: '玩家' },
  server_id: { en: 'Server', zh: '服务器' },
  stage: { en: 'Stage', zh: '阶段' },
  status: { en: 'Status', zh: '状态' },
  tier: { en: 'Value tier', zh: '价值层级' },
  idle_days: { en: 'Idle days', zh: '未活跃天数' },
  max_level: { en: 'Highest level', zh: '最高等级' },
  lifetime_spend: { en: 'Lifetime spend', zh: '累计消费' },
  recent_spend: { en: 'Spend in the 14-day stage window', zh: '14天阶段窗口内消费' },
  last_pay_day: { en: 'Last paying day', zh: '最后付费日' },
  p_alive: { en: 'P(alive)', zh: '存活概率' },
  churn_risk: { en: 'Churn risk', zh: '流失风险' },
  p_churn: { en: 'P(churn)', zh: '流失概率' },
  expected_clv: { en: 'Expected CLV', zh: '预期生命周期价值' },
  clv_source: { en: 'CLV source', zh: 'CLV 来源' },
  value_if_kept: { en: 'Value if kept', zh: '留存后价值' },
  p_win_back: { en: 'P(win back)', zh: '召回概率' },
  expected_return: { en: 'Expected return', zh: '预期回报' },
  reward_tier: { en: 'Reward tier', zh: '奖励档位' },
  cost: { en: 'Cost', zh: '成本' },
  reward: { en: 'Reward', zh: '奖励' },
  decision: { en: 'Decision', zh: '决策' },
  group: { en: 'Group', zh: '分组' },
  lapsed_id: { en: 'Lapsed player', zh: '流失玩家' },
  lapsed_server: { en: 'Server of the lapsed player', zh: '流失玩家的服务器' },
  lapsed_tier: { en: 'Value tier of the lapsed player', zh: '流失玩家的价值层级' },
  lapsed_spend: { en: 'Lifetime spend of the lapsed player', zh: '流失玩家的累计消费' },
  lapsed_idle_days: { en: 'Idle days of the lapsed player', zh: '流失玩家的未活跃天数' },
  lapsed_last_day: { en: 'Last active day of the lapsed player', zh: '流失玩家的最后活跃日' },
  comrade_id: { en: 'Active comrade', zh: '活跃战友' },
  shared_days: { en: 'Days played together (empty: friend link)', zh: '共同游戏天数（空：好友关系）' },
  last_shared_day: { en: 'Last day together', zh: '最后共同游戏日' },
  comrade_active_days: { en: "Comrade's recent active days", zh: '战友近期活跃天数' },
  rank: { en: 'Rank', zh: '排名' },
  reward_cost: { en: 'Reward cost', zh: '奖励成本' },
  tenure_days: { en: 'Days since first seen', zh: '首次出现至今天数' },
  paying_days: { en: 'Paying days', zh: '付费天数' },
  prior_spend: { en: 'Spend in the 14 days before the stage window', zh: '阶段窗口前14天消费' },
  risk_tier: { en: 'Churn risk', zh: '流失风险' },
  day: { en: 'Day', zh: '日期' },
  at: { en: 'Time (UTC)', zh: '时间（UTC）' },
  kind: { en: 'Kind', zh: '类型' },
  duration_s: { en: 'Session length (s)', zh: '会话时长（秒）' },
  level: { en: 'Level', zh: '等级' },
  amount: { en: 'Amount (base currency)', zh: '金额（基准货币）' },
  sku: { en: 'SKU', zh: '商品编号' },
  file_name: { en: 'File', zh: '文件' },
  line: { en: 'Line', zh: '行号' },
  reason: { en: 'Reason', zh: '原因' },
  raw: { en: 'Raw text', zh: '原始文本' },
  launch_id: { en: 'Launch', zh: '投放' },
  offer_id: { en: 'Offer', zh: '优惠' },
  offer_version: { en: 'Offer version', zh: '优惠版本' },
  offer_name: { en: 'Offer name', zh: '优惠名称' },
  as_of: { en: 'Audience day', zh: '受众日期' },
  launched_at: { en: 'Launched at (UTC)', zh: '投放时间（UTC）' },
  author: { en: 'Launched by', zh: '投放人' },
  audience: { en: 'Audience', zh: '受众人数' },
  treatment: { en: 'Treatment players', zh: '实验组玩家' },
  holdout: { en: 'Holdout players', zh: '对照组玩家' },
  total_cost: { en: 'Cost of the rewards', zh: '奖励总成本' },
  uplift_state: { en: 'Measurement', zh: '测量状态' },
  return_uplift: { en: 'Return-rate uplift', zh: '回流率提升' },
  return_uplift_p: { en: 'p-value of the return-rate uplift', zh: '回流率提升的 p 值' },
  revenue_uplift: { en: 'Revenue per player uplift', zh: '人均收入提升' },
  cohort: { en: 'Cohort', zh: '同期群' },
  size: { en: 'Players', zh: '玩家数' },
  platform: { en: 'Platform', zh: '平台' },
  channel: { en: 'Channel', zh: '渠道' },
  partial_period: { en: 'Period in progress', zh: '进行中的周期' },
  seq: { en: 'No.', zh: '序号' },
  actor: { en: 'User', zh: '用户' },
  role: { en: 'Role', zh: '角色' },
  via: { en: 'Via', zh: '途径' },
  ip: { en: 'IP address', zh: 'IP 地址' },
  action: { en: 'Action', zh: '操作' },
  target: { en: 'Target', zh: '对象' },
  outcome: { en: 'Outcome', zh: '结果' },
  detail: { en: 'Detail', zh: '详情' },
  before: { en: 'Before', zh: '修改前' },
  after: { en: 'After', zh: '修改后' },
} as const satisfies Record<string, Label>;
export type CsvColumnKey = keyof typeof CSV_COLUMNS;

/** The words of the first comment line and of a list with no filter, per language. */
export const CSV_COMMENT = {
  filters: { en: 'Filters', zh: '筛选条件' },
  none: { en: 'none', zh: '无' },
} as const satisfies Record<string, Label>;
