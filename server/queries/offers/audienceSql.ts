import type { Params } from '../../db/query.ts';
import { latestScoresSql } from '../models/latestScoresSql.ts';
import type { AudienceSort, OfferDefinition } from '../../../contract/offers.ts';
import { type StageSource, stagesOn } from '../stages/stagesOn.ts';

/**
 * The audience of an offer (saved or draft, evaluated alike) as of a day, as
 * one SQL query: every player of the offer's stages who meets its conditions,
 * with their expected CLV and what the offer costs for them. Every condition
 * value is a typed query parameter; a condition left open adds no SQL at all.
 * Lost players are never in an audience.
 *
 * Columns: player_id, server_id, stage, status, tier, idle_days, max_level,
 * lifetime_spend, p_alive (engagement), churn_risk, expected_clv (Decimal as
 * text), clv_source ('model' | 'fallback'), cost (Decimal as text).
 *
 * Expected CLV is the monetary model's CLV of the latest successful run. The
 * fallback, for a player without one (non-payers, who the monetary model does
 * not score, and payers newer than the last run):
 *   spend per active day over the player's whole history
 *     x expected active days over the CLV horizon,
 * where the expected active days are the engagement model's expected active
 * days in the next 90 days scaled to the horizon (horizon days / 90), or,
 * without an engagement score, the player's active-day rate over the last two
 * stage windows (R and P) kept up over the horizon. Non-payers so get 0 CLV.
 * The fallback is undiscounted and straight-line, so it leans high for long
 * horizons; it is used only where the model has no answer, and audiences say
 * how many members it priced.
 *
 * On top, the two per-player factors of the offer economics (server/offers/economics.ts):
 * - p_churn: 1 - engagement P(alive), or the player's stage's measured churn
 *   (`value.churn`) without an engagement score, and for a player of one
 *   active day, whose P(alive) BG/NBD puts at 1 by construction (it lets a
 *   player drop out only after a repeat visit), so it says nothing of churn;
 * - value_kept, the value if kept: a payer's expected CLV divided by the
 *   P(alive) it is weighted with (monetary P(alive) for a model CLV,
 *   engagement P(alive) for a fallback from expected days, 1 for the
 *   straight-line rate), floored at MIN_ALIVE so that a near-zero P(alive) does
 *   not blow a residual up; a non-payer's is their stage's measured
 *   `value.nonPayer` (chance to convert x value of a new payer);
 * - at_risk = p_churn x value_kept.
 * Ratios enter money as whole millionths (6 places), the products are Decimal.
 */

const ORDER: Record<AudienceSort, string> = {
  clv: 'clv_value DESC, player_id',
  cost: 'cost_value DESC, clv_value DESC, player_id',
  idle: 'idle_days DESC, player_id',
};

/** Per stage (same order as `stages`): the churn share for unscored players and the value of a non-payer kept (Decimal text). */
export interface StageValueParams {
  stages: string[];
  churn: number[];
  nonPayer: string[];
}

export interface AudienceQueryOptions {
  asOf: string;
  /** Where the players' stages and features on the day are read (stagesOn.ts). */
  source: StageSource;
  /** Days of future value counted (CLV horizon months x 365.25 / 12). */
  horizonDays: number;
  value: StageValueParams;
}

/** The lowest P(alive) a CLV is divided by to undo its weighting. */
export const MIN_ALIVE = 0.05;

/** Spend-share ratios go to SQL as exact decimals, never as a binary float multiplied into money. */
const ratioText = (r: number): string => r.toFixed(6);

/** money x ratio as Decimal(18, 4): the ratio as whole millionths, the product exact, rounded half away from zero at 4 places. */
const scaledSql = (money: string, ratio: string): string =>
  `CAST(round(toDecimal128(${money}, 10) * toInt64(round((${ratio}) * 1000000)) / 1000000, 4) AS Decimal(18, 4))`;

/** The parameters every audience query shares: the day, the horizon and the stage value factors. */
export function baseParams(opts: AudienceQueryOptions): Params {
  return {
    as_of: opts.asOf,
    horizon_days: opts.horizonDays,
    value_stages: opts.value.stages,
    value_churn: opts.value.churn,
    value_non_payer: opts.value.nonPayer,
  };
}

type Priced = Pick<OfferDefinition, 'stages' | 'conditions' | 'cost'>;

/**
 * Every player who can be in any audience on {as_of:Date} (all but the lost),
 * with the columns the conditions read and their expected CLV (clv_value,
 * Decimal) and its source. One evaluation serves one offer or many.
 */
export function audienceBaseSql(source: StageSource): string {
  // Expected active days over the horizon, as an exact decimal (see the header for the rule).
  const horizonActiveDays = `toDecimal128(toString(round(if(sc.expected_days_90 IS NOT NULL,
        assumeNotNull(sc.expected_days_90) * {horizon_days:Float64} / 90,
        (s.active_r + s.active_p) / (2 * assumeNotNull((SELECT window_days FROM active_lifecycle_config))) * {horizon_days:Float64}), 6)), 6)`;
  const fallbackClv = `if(s.active_days = 0 OR s.lifetime_spend <= 0, toDecimal128(0, 4),
        CAST(round(toDecimal128(s.lifetime_spend, 4) * ${horizonActiveDays} / s.active_days, 4) AS Decimal(38, 4)))`;
  const stageIndex = `indexOf({value_stages:Array(String)}, stage)`;
  const players = `SELECT s.player_id AS player_id, s.server_id AS server_id, s.stage AS stage, s.status AS status, s.tier AS tier,
         toUInt32(s.idle_days) AS idle_days, s.max_level AS max_level, s.lifetime_spend AS lifetime_spend,
         sc.engagement_p_alive AS p_alive, sc.churn_risk AS churn_risk,
         if(sc.clv IS NOT NULL, 'model', 'fallback') AS clv_source,
         CAST(if(sc.clv IS NOT NULL, toDecimal128(assumeNotNull(sc.clv), 4), ${fallbackClv}) AS Decimal(18, 4)) AS clv_value,
         if(sc.clv IS NOT NULL, ifNull(sc.monetary_p_alive, 1), if(sc.expected_days_90 IS NOT NULL, ifNull(sc.engagement_p_alive, 1), 1)) AS clv_weight,
         s.active_days > 1 AND sc.engagement_p_alive IS NOT NULL AS churn_scored
  FROM ${stagesOn(source, 'as_of')} AS s
  LEFT JOIN (${latestScoresSql()}) AS sc ON sc.player_id = s.player_id
  WHERE s.status != 'lost'`;
  const valued = `SELECT *,
         if(churn_scored, 1 - assumeNotNull(p_alive), arrayElement({value_churn:Array(Float64)}, ${stageIndex})) AS p_churn,
         if(lifetime_spend > 0, ${scaledSql('clv_value', `1 / greatest(clv_weight, ${MIN_ALIVE})`)},
            CAST(toDecimal128OrZero(arrayElement({value_non_payer:Array(String)}, ${stageIndex}), 4) AS Decimal(18, 4))) AS value_kept
  FROM (${players})`;
  return `SELECT *, ${scaledSql('value_kept', 'p_churn')} AS at_risk FROM (${valued})`;
}

/**
 * An offer's conditions as one boolean expression over the base columns, and
 * its per-player cost, with their parameters named `<prefix>name` so several
 * offers can share one query. A condition left open adds no SQL.
 */
export function offerFilterSql(offer: Priced, prefix = ''): { where: string; cost: string; params: Params } {
  const c = offer.conditions;
  const name = (n: string) => `${prefix}${n}`;
  const params: Params = { [name('stages')]: offer.stages };
  const where: string[] = [`stage IN {${name('stages')}:Array(String)}`];
  const add = (sql: string, key: string, value: unknown) => (where.push(sql.replace('#', name(key))), (params[name(key)] = value));
  // Statuses narrow the decline stage only; other stages of the offer are kept whole.
  if (c.statuses.length) add(`(stage != 'decline' OR status IN {#:Array(String)})`, 'statuses', c.statuses);
  if (c.tiers.length) add(`tier IN {#:Array(String)}`, 'tiers', c.tiers);
  if (c.servers.length) add(`server_id IN {#:Array(String)}`, 'servers', c.servers);
  if (c.riskTiers.length) add(`churn_risk IN {#:Array(String)}`, 'risk_tiers', c.riskTiers);
  if (c.minIdleDays !== null) add(`idle_days >= {#:UInt16}`, 'min_idle', c.minIdleDays);
  if (c.maxIdleDays !== null) add(`idle_days <= {#:UInt16}`, 'max_idle', c.maxIdleDays);
  if (c.minLevel !== null) add(`max_level >= {#:UInt16}`, 'min_level', c.minLevel);
  if (c.maxLevel !== null) add(`max_level <= {#:UInt16}`, 'max_level', c.maxLevel);
  if (c.minClv !== null) add(`clv_value >= {#:Decimal(18, 4)}`, 'min_clv', c.minClv);
  if (c.maxClv !== null) add(`clv_value <= {#:Decimal(18, 4)}`, 'max_clv', c.maxClv);
  let cost: string;
  if (offer.cost.kind === 'spend_share') {
    cost = `CAST(round(toDecimal128(clv_value, 4) * {${name('spend_share')}:Decimal(18, 6)}, 4) AS Decimal(18, 4))`;
    params[name('spend_share')] = ratioText(offer.cost.spendShare);
  } else {
    cost = `{${name('fixed_cost')}:Decimal(18, 4)}`;
    params[name('fixed_cost')] = offer.cost.fixedCost;
  }
  return { where: where.join(' AND '), cost, params };
}

/** The audience's members with the base columns and their cost (cost_value, Decimal), unordered, and the parameters. */
export function pricedSql(offer: Priced, opts: AudienceQueryOptions): { sql: string; params: Params } {
  const f = offerFilterSql(offer);
  const sql = `SELECT *, ${f.cost} AS cost_value FROM (${audienceBaseSql(opts.source)}) WHERE ${f.where}`;
  return { sql, params: { ...baseParams(opts), ...f.params } };
}

/** The member columns as the API gives them (money as text), over pricedSql's rows. */
export const MEMBER_COLUMNS = `player_id, server_id, stage, status, tier, idle_days, max_level, toString(lifetime_spend) AS lifetime_spend,
       p_alive, churn_risk, toString(clv_value) AS expected_clv, clv_source, toString(cost_value) AS cost,
       p_churn, churn_scored, toString(value_kept) AS value_if_kept`;

/**
 * The value sums of an audience over rows flagged by `w` ('1' = every row), named with `suffix` (read by valueSums.ts);
 * no name is a column's, which ClickHouse would resolve to the alias. P(churn) is summed as whole millionths, so the
 * sum does not depend on the order the engine adds in.
 */
export function valueSumsSql(w: string, suffix = ''): string {
  return `countIf(${w} AND lifetime_spend > 0) AS payers${suffix}, countIf(${w} AND churn_scored) AS scored_count${suffix},
       sumIf(toInt64(round(p_churn * 1000000)), ${w}) / 1000000 AS churn_sum${suffix}, toString(sumIf(toDecimal128(value_kept, 4), ${w})) AS kept_sum${suffix},
       toString(sumIf(toDecimal128(value_kept, 4), ${w} AND lifetime_spend <= 0)) AS non_payer_sum${suffix},
       toString(sumIf(toDecimal128(at_risk, 4), ${w})) AS at_risk_sum${suffix}`;
}

/** The audience's base query (no order, no paging) and its parameters. */
export function audienceSql(offer: Priced, opts: AudienceQueryOptions): { sql: string; params: Params } {
  const priced = pricedSql(offer, opts);
  return { sql: `SELECT ${MEMBER_COLUMNS}\nFROM (${priced.sql})`, params: priced.params };
}

/**
 * The totals of many offers' audiences in one pass over the base: for offer i,
 * members_i, total_cost_i, total_clv_i, model_clv_i and fallback_clv_i.
 */
export function manyTotalsSql(offers: readonly Priced[], opts: AudienceQueryOptions): { sql: string; params: Params } {
  const params: Params = baseParams(opts);
  const flags: string[] = [];
  const sums: string[] = [];
  offers.forEach((offer, i) => {
    const f = offerFilterSql(offer, `o${i}_`);
    Object.assign(params, f.params);
    flags.push(`(${f.where}) AS w${i}, ${f.cost} AS c${i}`);
    sums.push(`countIf(w${i}) AS members_${i}, toString(sumIf(toDecimal128(c${i}, 4), w${i})) AS total_cost_${i},
       toString(sumIf(toDecimal128(clv_value, 4), w${i})) AS total_clv_${i},
       countIf(w${i} AND clv_source = 'model') AS model_clv_${i}, countIf(w${i} AND clv_source = 'fallback') AS fallback_clv_${i},
       ${valueSumsSql(`w${i}`, `_${i}`)}`);
  });
  return { sql: `SELECT ${sums.join(',\n       ')}\nFROM (SELECT *, ${flags.join(', ')} FROM (${audienceBaseSql(opts.source)}))`, params };
}

/** The members, ordered, optionally one page. */
export function audienceMembersSql(
  base: { sql: string; params: Params },
  sort: AudienceSort,
  page?: { limit: number; offset: number },
): { sql: string; params: Params } {
  const paging = page ? `\nLIMIT {limit:UInt32} OFFSET {offset:UInt32}` : '';
  return { sql: `${base.sql}\nORDER BY ${ORDER[sort]}${paging}`, params: page ? { ...base.params, ...page } : base.params };
}

/** Count, total cost and total expected CLV of the audience, and how many members each CLV source priced. */
export function audienceTotalsSql(base: { sql: string; params: Params }): { sql: string; params: Params } {
  return {
    sql: `SELECT count() AS members, toString(sum(toDecimal128(cost_value, 4))) AS total_cost, toString(sum(toDecimal128(clv_value, 4))) AS total_clv,
       countIf(clv_source = 'model') AS model_clv, countIf(clv_source = 'fallback') AS fallback_clv, ${valueSumsSql('1')}
FROM (${base.sql})`,
    params: base.params,
  };
}
