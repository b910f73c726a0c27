/**
 * The one table of metric definitions (DESIGN section 5, stages section 6): the
 * dashboard's info marks, the README's "Where the numbers come from" metrics
 * table (`npm run docs:metrics`) and the tests read it, so a number's name,
 * meaning, window and unit are written once, in English and Simplified Chinese.
 * Keys are the API's field names where a field carries the metric.
 */

export type MetricLang = 'en' | 'zh';
type Text = Record<MetricLang, string>;

export const METRIC_UNITS = {
  players: { en: 'players', zh: '玩家数' },
  money: { en: 'base currency', zh: '基准货币' },
  moneyPerPlayer: { en: 'base currency per player', zh: '每玩家基准货币' },
  share: { en: 'share, 0–100%', zh: '占比，0–100%' },
  change: { en: 'relative change, %', zh: '相对变化，%' },
  points: { en: 'percentage points', zh: '百分点' },
  ofCost: { en: 'percent of the cost', zh: '占成本的百分比' },
  asDifference: { en: 'as the difference it bounds', zh: '与所框定的差值相同' },
  probability: { en: 'probability, 0–1', zh: '概率，0–1' },
} as const satisfies Record<string, Text>;
export type MetricUnit = keyof typeof METRIC_UNITS;

export interface MetricDefinition {
  name: Text;
  /** One sentence: what is counted. */
  definition: Text;
  /** Which days it covers. */
  window: Text;
  unit: MetricUnit;
}

const def = (name: Text, definition: Text, window: Text, unit: MetricUnit): MetricDefinition => ({ name, definition, window, unit });

const RANGE: Text = { en: 'the chosen date range', zh: '所选日期范围' };
const LAUNCH_WINDOW: Text = {
  en: "the launch's measurement window: the days after its as-of day, up to its length or the last day with data",
  zh: '投放的衡量窗口：截至日之后的若干天，至窗口长度或最后一个有数据的日期为止',
};
const RECENT_COHORTS = (n: number): Text => ({
  en: `cohorts whose day ${n} falls in the chosen date range`,
  zh: `第 ${n} 天落在所选日期范围内的同期群`,
});
const retention = (n: number): MetricDefinition =>
  def(
    { en: `D${n} retention`, zh: `第 ${n} 日留存` },
    {
      en: `Players active on day ${n} after their first day, divided by the players new on those first days (pooled over the cohorts).`,
      zh: `首日之后第 ${n} 天仍活跃的玩家数，除以这些首日的新增玩家数（各同期群合并计算）。`,
    },
    RECENT_COHORTS(n),
    'share',
  );

export const METRIC_DEFINITIONS = {
  dau: def(
    { en: 'DAU', zh: '日活跃用户' },
    { en: 'Distinct players with at least one session starting on the day.', zh: '当天至少开始过一次会话的去重玩家数。' },
    { en: 'the last day of the range', zh: '范围的最后一天' },
    'players',
  ),
  avgDau: def(
    { en: 'Average DAU', zh: '平均日活' },
    { en: 'The mean of the daily active players over the days of the range.', zh: '范围内每日活跃玩家数的平均值。' },
    RANGE,
    'players',
  ),
  wau: def(
    { en: 'WAU', zh: '周活跃用户' },
    { en: 'Distinct players active on at least one of the 7 days ending on the last day.', zh: '截至最后一天的 7 天内至少活跃一天的去重玩家数。' },
    { en: 'the 7 days ending on the last day of the range', zh: '截至范围最后一天的 7 天' },
    'players',
  ),
  mau: def(
    { en: 'MAU', zh: '月活跃用户' },
    { en: 'Distinct players active on at least one of the 30 days ending on the last day.', zh: '截至最后一天的 30 天内至少活跃一天的去重玩家数。' },
    { en: 'the 30 days ending on the last day of the range', zh: '截至范围最后一天的 30 天' },
    'players',
  ),
  newPlayers: def(
    { en: 'New players', zh: '新增玩家' },
    { en: 'Players whose first session or payment ever falls in the range.', zh: '首次会话或首次付费发生在范围内的玩家数。' },
    RANGE,
    'players',
  ),
  activePlayers: def(
    { en: 'Active players', zh: '活跃玩家' },
    { en: 'Distinct players with at least one session in the range.', zh: '范围内至少有一次会话的去重玩家数。' },
    RANGE,
    'players',
  ),
  payingPlayers: def(
    { en: 'Paying players', zh: '付费玩家' },
    { en: 'Distinct players with at least one payment (refunds excluded) in the range.', zh: '范围内至少有一笔付款（不含退款）的去重玩家数。' },
    RANGE,
    'players',
  ),
  revenue: def(
    { en: 'Revenue in range', zh: '范围内收入' },
    { en: 'The sum of all payments in the range, refunds counted negative.', zh: '范围内所有付款之和，退款计为负数。' },
    RANGE,
    'money',
  ),
  revenuePerDay: def(
    { en: 'Revenue per day', zh: '每日收入' },
    { en: 'The sum of the payments made on each day, refunds counted negative.', zh: '每天所有付款之和，退款计为负数。' },
    { en: 'each day of the chosen date range', zh: '所选日期范围内的每一天' },
    'money',
  ),
  payingRate: def({ en: 'Paying rate', zh: '付费率' }, { en: 'Paying players divided by active players.', zh: '付费玩家数除以活跃玩家数。' }, RANGE, 'share'),
  arpu: def({ en: 'ARPU', zh: 'ARPU' }, { en: 'Revenue in range divided by active players.', zh: '范围内收入除以活跃玩家数。' }, RANGE, 'moneyPerPlayer'),
  arppu: def({ en: 'ARPPU', zh: 'ARPPU' }, { en: 'Revenue in range divided by paying players.', zh: '范围内收入除以付费玩家数。' }, RANGE, 'moneyPerPlayer'),
  periodChange: def(
    { en: 'Change vs previous period', zh: '较上一周期变化' },
    {
      en: 'The figure against the same figure over the period of the same length just before the range: a relative change for counts and money, a difference in points for shares.',
      zh: '与紧邻所选范围之前、长度相同的周期相比：人数和金额为相对变化，占比为百分点之差。',
    },
    { en: 'the range against the same number of days before it', zh: '所选范围对比其之前相同天数' },
    'change',
  ),
  retentionD1: retention(1),
  retentionD7: retention(7),
  retentionD30: retention(30),
  payingConversion: def(
    { en: 'Paying conversion (D7)', zh: '付费转化（7 日）' },
    {
      en: 'New players who paid at least once within their first 7 days (day 0 to day 6), divided by the new players of those first days.',
      zh: '在最初 7 天内（第 0 至第 6 天）至少付费一次的新增玩家数，除以这些首日的新增玩家数。',
    },
    RECENT_COHORTS(6),
    'share',
  ),
  stagePlayers: def(
    { en: 'Players', zh: '玩家数' },
    {
      en: 'Players whose lifecycle stage on the day is this one under the rules in force; lost players are counted apart.',
      zh: '按当前生效规则，当天处于该生命周期阶段的玩家数；流失玩家单独计数。',
    },
    { en: 'the stage day (the last day of the range)', zh: '阶段日（范围的最后一天）' },
    'players',
  ),
  stageChange7d: def(
    { en: '7-day change', zh: '7 日变化' },
    { en: "The stage's players on the day against its players 7 days earlier, as a relative change.", zh: '该阶段当天玩家数与 7 天前相比的相对变化。' },
    { en: 'the stage day against 7 days before it', zh: '阶段日对比 7 天前' },
    'change',
  ),
  lostPlayers: def(
    { en: 'Lost players', zh: '流失玩家' },
    {
      en: 'Players idle for longer than the lost horizon of the stage rules; they have left the active base.',
      zh: '闲置天数超过生命周期规则中流失期限的玩家，已离开活跃玩家群。',
    },
    { en: 'the stage day', zh: '阶段日' },
    'players',
  ),
  recentSpend: def(
    { en: 'Recent spend', zh: '近期付费' },
    {
      en: 'What the players paid in the recent window of the stage rules (14 days by default), refunds counted negative.',
      zh: '玩家在生命周期规则的近期窗口（默认 14 天）内的付费额，退款计为负数。',
    },
    { en: 'the recent window ending on the stage day (14 days by default)', zh: '截至阶段日的近期窗口（默认 14 天）' },
    'money',
  ),
  priorSpend: def(
    { en: 'Prior spend', zh: '前期付费' },
    { en: 'What the players paid in the window of the same length just before the recent window.', zh: '玩家在近期窗口之前、长度相同的窗口内的付费额。' },
    { en: 'the window before the recent window', zh: '近期窗口之前的窗口' },
    'money',
  ),
  lifetimeSpend: def(
    { en: 'Lifetime spend', zh: '累计付费' },
    { en: 'Everything the players have paid since their first day, refunds counted negative.', zh: '玩家自首日以来的全部付费额，退款计为负数。' },
    { en: 'from the first day to the stage day', zh: '从首日至阶段日' },
    'money',
  ),
  retentionDn: def(
    { en: 'Dn retention', zh: '第 n 日留存' },
    { en: 'Share of the players new on day c who were active on day c + n.', zh: '第 c 天新增的玩家中，在第 c + n 天活跃的占比。' },
    { en: 'each cohort day and its day n', zh: '每个同期群首日及其第 n 天' },
    'share',
  ),
  ltv: def(
    { en: 'Revenue LTV', zh: '收入 LTV' },
    { en: "Cumulative revenue of a cohort's members by day n, divided by the cohort's size.", zh: '同期群成员截至第 n 天的累计收入，除以同期群人数。' },
    { en: 'day 0 to day n of each cohort', zh: '每个同期群的第 0 至第 n 天' },
    'moneyPerPlayer',
  ),
  topShare: def(
    { en: 'Top x% spend share', zh: '前 x% 付费占比' },
    { en: "The biggest-spending x% of paying players' share of all lifetime spend.", zh: '累计付费最高的 x% 付费玩家占全部累计付费的比例。' },
    { en: 'from the first day to the as-of day', zh: '从首日至截至日' },
    'share',
  ),
  pAlive: def(
    { en: 'P(alive)', zh: '存活概率' },
    { en: "The engagement model's probability that the player will still play.", zh: '活跃度模型估计的玩家仍会继续游戏的概率。' },
    { en: 'as of the last model fit', zh: '截至最近一次模型拟合' },
    'share',
  ),
  expectedClv: def(
    { en: 'Expected CLV', zh: '预期生命周期价值' },
    { en: "The models' expected spend of the player over the next 12 months.", zh: '模型预估的玩家未来 12 个月付费额。' },
    { en: 'the 12 months after the last model fit', zh: '最近一次模型拟合之后的 12 个月' },
    'money',
  ),
  offerAudience: def(
    { en: 'Audience', zh: '覆盖人数' },
    {
      en: 'Players the offer reaches on the day: in its stages, meeting its conditions, within its active dates.',
      zh: '活动当天覆盖的玩家：处于其阶段、满足其条件且在其生效日期内。',
    },
    { en: 'the as-of day', zh: '截至日当天' },
    'players',
  ),
  offerCost: def(
    { en: 'Cost', zh: '成本' },
    {
      en: "What the rewards cost for the whole audience: the fixed cost per player, or the offer's share of each player's expected spend.",
      zh: '全部覆盖玩家的奖励成本：每人固定成本，或按每位玩家预期付费的一定比例。',
    },
    { en: 'the offer as launched on the as-of day', zh: '截至日投放的活动' },
    'money',
  ),
  retainedRevenue: def(
    { en: 'Retained revenue', zh: '预期挽回收入' },
    {
      en: "The sum over the audience of the chance the offer changes the outcome (the uplift times the player's churn risk, or the newest complete launch's measured uplift) times the player's value if kept.",
      zh: '对覆盖玩家求和：活动改变结果的概率（提升率 × 玩家流失概率，或最近一次完整投放实测的提升率）× 玩家留住时的价值。',
    },
    { en: 'the CLV horizon (12 months by default) after the as-of day', zh: '截至日之后的 CLV 期限（默认 12 个月）' },
    'money',
  ),
  offerNet: def(
    { en: 'Net', zh: '净收益' },
    { en: 'Retained revenue minus cost.', zh: '预期挽回收入减去成本。' },
    { en: 'the CLV horizon (12 months by default) after the as-of day', zh: '截至日之后的 CLV 期限（默认 12 个月）' },
    'money',
  ),
  offerRoi: def(
    { en: 'ROI', zh: '投资回报率' },
    { en: 'Net divided by cost; none for an offer that costs nothing.', zh: '净收益除以成本；零成本的活动不计算。' },
    { en: 'the CLV horizon (12 months by default) after the as-of day', zh: '截至日之后的 CLV 期限（默认 12 个月）' },
    'ofCost',
  ),
  pChurn: def(
    { en: 'P(churn)', zh: '流失概率' },
    {
      en: "One minus the engagement model's P(alive); for players it has not scored, or seen on one day only, their stage's measured 30-day churn.",
      zh: '1 减去活跃度模型的存活概率；对模型未评分或只出现过一天的玩家，取其阶段实测的 30 天流失率。',
    },
    { en: 'as of the last model fit', zh: '截至最近一次模型拟合' },
    'share',
  ),
  valueIfKept: def(
    { en: 'Value if kept', zh: '留住时的价值' },
    {
      en: "For a payer, the expected CLV divided by the P(alive) it is weighted with (at least 5%); for a non-payer, the stage's measured chance to start paying times the mean value of the game's new payers.",
      zh: '付费玩家：预期 CLV 除以其所含的存活概率（至少 5%）；未付费玩家：其阶段实测的开始付费概率 × 游戏新付费玩家的平均价值。',
    },
    { en: 'the CLV horizon (12 months by default) after the last model fit', zh: '最近一次模型拟合之后的 CLV 期限（默认 12 个月）' },
    'money',
  ),
  launchUplift: def(
    { en: 'Return-rate uplift', zh: '回归率提升' },
    {
      en: "The treatment group's return rate minus the holdout's, in percentage points, beside the two-sided p-value of the pooled two-proportion z-test.",
      zh: '实验组回归率减去对照组回归率（百分点），旁边是合并两比例 z 检验的双侧 p 值。',
    },
    LAUNCH_WINDOW,
    'points',
  ),
  launchReturnRate: def(
    { en: 'Return rate', zh: '回归率' },
    {
      en: "The group's members with a session on at least one day of the measurement window, divided by the group's members.",
      zh: '在衡量窗口内至少有一天有会话的组内成员数，除以该组成员数。',
    },
    LAUNCH_WINDOW,
    'share',
  ),
  launchRevenuePerPlayer: def(
    { en: 'Revenue per player', zh: '人均收入' },
    {
      en: "The group's revenue in the measurement window divided by all its members, payers or not.",
      zh: '该组在衡量窗口内的收入除以全部成员数（无论是否付费）。',
    },
    LAUNCH_WINDOW,
    'moneyPerPlayer',
  ),
  upliftCi: def(
    { en: '95% interval', zh: '95% 区间' },
    {
      en: "The range the true treatment-minus-holdout difference lies in with 95% confidence: the unpooled (Wald) interval for the return rate, Welch's interval for revenue per player.",
      zh: '真实的“实验组减对照组”差值以 95% 置信度所在的范围：回归率用非合并（Wald）区间，人均收入用 Welch 区间。',
    },
    LAUNCH_WINDOW,
    'asDifference',
  ),
  upliftP: def(
    { en: 'p-value', zh: 'p 值' },
    {
      en: "The chance of a difference at least this large if the offer changed nothing: two-sided, from the pooled two-proportion z-test for the return rate and Welch's t-test for revenue per player.",
      zh: '若活动毫无作用，出现至少这么大差值的概率：双侧检验，回归率用合并的两比例 z 检验，人均收入用 Welch t 检验。',
    },
    LAUNCH_WINDOW,
    'probability',
  ),
  stageFlow: def(
    { en: 'Stage flow', zh: '阶段流转' },
    {
      en: 'Players by their stage on the first day of the range (New if they had not played yet) and their stage, or Lost, on its last day; staying in a stage is a flow too.',
      zh: '按范围首日的阶段（尚未开始游戏的记为新玩家）与末日的阶段（或已流失）统计的玩家数；留在同一阶段也算一条流向。',
    },
    { en: 'the first and the last day of the chosen range', zh: '所选范围的首日与末日' },
    'players',
  ),
  cohortSurvival: def(
    { en: 'Cohort still playing', zh: '同期群仍在游戏' },
    {
      en: "Share of a cohort whose stay, which ends at the player's first quiet spell, lasted into period t, counted only over players whose spell could be seen in complete periods.",
      zh: '同期群中停留持续到第 t 期的玩家占比（停留以首次沉寂期为止），只计入其沉寂期能在完整周期内看到的玩家。',
    },
    { en: 'each cohort from its first period to the last complete one', zh: '每个同期群从首个周期至最后一个完整周期' },
    'share',
  ),
  cohortProjection: def(
    { en: 'Projected still playing', zh: '预计仍在游戏' },
    {
      en: "The shifted-beta-geometric survival curve fitted to the cohort's observed periods and carried on to the horizon.",
      zh: '按同期群已观察周期拟合的移位贝塔几何（sBG）留存曲线，并延伸至预测期限。',
    },
    { en: 'from the first period to the projection horizon', zh: '从首个周期至预测期限' },
    'share',
  ),
  segmentRevenuePerPlayer: def(
    { en: 'Segment revenue per player (M)', zh: '分群人均收入（M）' },
    {
      en: "The segment's revenue over one period divided by its players on the period's first day, standing in for the margin.",
      zh: '分群一个周期内的收入除以周期首日的分群人数，以收入代替利润。',
    },
    { en: 'the period ending on the as-of day', zh: '截至截至日的周期' },
    'moneyPerPlayer',
  ),
  segmentRetention: def(
    { en: 'Segment retention (r)', zh: '分群留存率（r）' },
    {
      en: "Share of the segment's players on the period's first day who were neither lapsed nor lost on its last day.",
      zh: '周期首日的分群玩家中，到周期末日既未沉默也未流失的占比。',
    },
    { en: 'the period ending on the as-of day', zh: '截至截至日的周期' },
    'share',
  ),
  segmentClv: def(
    { en: 'Segment CLV per player', zh: '分群人均 CLV' },
    {
      en: 'The sum over T periods of M × r to the power t − 1, discounted by (1 + i) to the power t, with its 95% interval from the binomial uncertainty of r.',
      zh: '对 T 个周期求和：M × r 的 t − 1 次方，再按 (1 + i) 的 t 次方贴现；95% 区间来自 r 的二项不确定性。',
    },
    { en: 'the T periods after the as-of day', zh: '截至日之后的 T 个周期' },
    'moneyPerPlayer',
  ),
  holdoutError: def(
    { en: 'Holdout error', zh: '保留期误差' },
    {
      en: 'What the model fitted up to the calibration end predicted for the holdout days, minus what the players did, divided by what they did.',
      zh: '按校准截止日之前的数据拟合的模型对保留期的预测值，减去玩家的实际值，再除以实际值。',
    },
    { en: 'the holdout days after the calibration end', zh: '校准截止日之后的保留期' },
    'change',
  ),
  backtestStillActive: def(
    { en: 'Still active', zh: '仍活跃' },
    {
      en: "Share of the stage's players on the back-test day with at least one active day in the 28 days after it; the rest are counted as lapsed.",
      zh: '回测日处于该阶段的玩家中，其后 28 天内至少有一天活跃的占比；其余计为已沉默。',
    },
    { en: 'the 28 days after the back-test day', zh: '回测日之后的 28 天' },
    'share',
  ),
  backtestRevenuePerPlayer: def(
    { en: 'Revenue per player, next 28 days', zh: '其后 28 天人均收入' },
    {
      en: "What the stage's players on the back-test day paid in the 28 days after it, divided by all of them.",
      zh: '回测日处于该阶段的玩家在其后 28 天内的付费额，除以这些玩家的总数。',
    },
    { en: 'the 28 days after the back-test day', zh: '回测日之后的 28 天' },
    'moneyPerPlayer',
  ),
  idleReturnShare: def(
    { en: 'Came back', zh: '回归比例' },
    {
      en: 'Share of the players idle for so many days on the back-test day who had a session again in the 28 days after it.',
      zh: '回测日沉默天数处于该区间的玩家中，其后 28 天内再次有会话的占比。',
    },
    { en: 'the 28 days after the back-test day', zh: '回测日之后的 28 天' },
    'share',
  ),
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;
export const METRIC_KEYS = Object.keys(METRIC_DEFINITIONS) as MetricKey[];

/** One definition in one language, as the info mark and the README show it. */
export function metricText(key: MetricKey, lang: MetricLang): { name: string; definition: string; window: string; unit: string } {
  const d: MetricDefinition = METRIC_DEFINITIONS[key];
  return { name: d.name[lang], definition: d.definition[lang], window: d.window[lang], unit: METRIC_UNITS[d.unit][lang] };
}
