import { OFFER_KINDS, REPORT_LANGS, STAGES, STATUSES, VALUE_TIERS, type ReportLang } from '../../contract/enums.ts';
import type { CostModel, OfferConditions, OfferDefinition, OfferError, OfferErrorCode, OfferTexts } from '../../contract/offers.ts';
import { invalid } from '../domainError.ts';
import { RISK_ORDER } from '../models/riskTier.ts';

/**
 * Checks an incoming offer definition (from the editor, the API or a draft for
 * what-if) and normalises it. Every problem is reported, each as a code with
 * its values so the dashboard words it in either language; `message` is the
 * English wording for API clients and logs.
 */
const MESSAGES: Record<OfferErrorCode, string> = {
  required: '{field} is required',
  text: '{field} must be text',
  too_long: '{field} must be at most {max} characters',
  offer_id: '{field} must be 1 to 64 lower-case letters, digits, - or _, starting with a letter or digit, got "{value}"',
  list: '{field} must be a list',
  unknown: '{field}: "{value}" is not one of {allowed}',
  duplicate: '{field}: "{value}" is listed twice',
  empty: '{field} must name at least one value',
  whole: '{field} must be a whole number, got "{value}"',
  number: '{field} must be a number, got "{value}"',
  decimal: '{field} must be an amount with at most 4 decimal places, got "{value}"',
  range: '{field} must be between {min} and {max}, got {value}',
  order: '{field} must not be below {other} ({value} < {otherValue})',
  date: '{field} must be a date as YYYY-MM-DD, got "{value}"',
  date_order: '{field} must not be before {other} ({value} < {otherValue})',
  boolean: '{field} must be true or false',
  server: '{field}: "{value}" is not a server id (letters, digits, _ . : -)',
  statuses_need_decline: '{field} only apply to the decline stage; add decline to the stages or clear the statuses',
  object: '{field} must be an object',
};

function offerError(field: string, code: OfferErrorCode, values: Record<string, string | number> = {}): OfferError {
  const all: Record<string, string | number> = { field, ...values };
  return { field, code, values, message: MESSAGES[code].replace(/\{(\w+)\}/g, (_m, k: string) => String(all[k])) };
}

const OFFER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MONEY = /^\d{1,14}(\.\d{1,4})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SERVER = /^[\w.:-]{1,64}$/;
/** Upper bounds that keep values inside their UInt16 columns and sensible for a game. */
const MAX_DAYS = 3650;
const MAX_LEVEL = 10_000;
const MAX_MONEY = 1e12;

const isDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

type Input = Record<string, unknown>;

/** Collects errors while reading fields; each reader returns a usable default when the field is wrong. */
class Reader {
  readonly errors: OfferError[] = [];
  fail(field: string, code: OfferErrorCode, values?: Record<string, string | number>): void {
    this.errors.push(offerError(field, code, values));
  }

  text(src: Input, key: string, field: string, max: number, required: boolean): string {
    const v = src[key];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) this.fail(field, 'required');
      return '';
    }
    if (typeof v !== 'string') return (this.fail(field, 'text'), '');
    const t = v.trim();
    if (t.length > max) this.fail(field, 'too_long', { max });
    return t;
  }

  list<T extends string>(src: Input, key: string, field: string, allowed: readonly T[] | null, opts: { nonEmpty?: boolean; max?: number } = {}): T[] {
    const v = src[key];
    if (v === undefined || v === null) {
      if (opts.nonEmpty) this.fail(field, 'empty');
      return [];
    }
    if (!Array.isArray(v)) return (this.fail(field, 'list'), []);
    const out: T[] = [];
    for (const item of v) {
      const s = typeof item === 'string' ? item.trim() : String(item);
      if (allowed ? !allowed.includes(s as T) : !SERVER.test(s)) {
        if (allowed) this.fail(field, 'unknown', { value: s, allowed: allowed.join(', ') });
        else this.fail(field, 'server', { value: s });
      } else if (out.includes(s as T)) this.fail(field, 'duplicate', { value: s });
      else out.push(s as T);
    }
    if (opts.max !== undefined && out.length > opts.max) this.fail(field, 'too_long', { max: opts.max });
    if (opts.nonEmpty && v.length === 0) this.fail(field, 'empty');
    return out;
  }

  /** A whole number in [min, max]; null when absent and optional. */
  whole(src: Input, key: string, field: string, min: number, max: number): number | null {
    const v = src[key];
    if (v === undefined || v === null || v === '') return null;
    const text = String(v).trim();
    if (!/^\d{1,9}$/.test(text)) return (this.fail(field, 'whole', { value: text }), null);
    const n = Number(text);
    if (n < min || n > max) return (this.fail(field, 'range', { min, max, value: n }), null);
    return n;
  }

  ratio(src: Input, key: string, field: string, min: number, max: number, fallback?: number): number {
    const v = src[key];
    if (v === undefined || v === null || v === '') {
      if (fallback !== undefined) return fallback;
      return (this.fail(field, 'required'), min);
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d*\.?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n)) return (this.fail(field, 'number', { value: String(v) }), min);
    if (n < min || n > max) return (this.fail(field, 'range', { min, max, value: n }), min);
    // Six places is the precision the economics use; more would be a false promise.
    return Math.round(n * 1e6) / 1e6;
  }

  money(src: Input, key: string, field: string, required: boolean): string | null {
    const v = src[key];
    if (v === undefined || v === null || v === '') return required ? (this.fail(field, 'required'), null) : null;
    const text = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
    if (!MONEY.test(text)) return (this.fail(field, 'decimal', { value: String(v) }), null);
    if (Number(text) > MAX_MONEY) return (this.fail(field, 'range', { min: 0, max: MAX_MONEY, value: text }), null);
    return text;
  }

  day(src: Input, key: string, field: string, required: boolean): string | null {
    const v = src[key];
    if (v === undefined || v === null || v === '') return required ? (this.fail(field, 'required'), null) : null;
    if (typeof v !== 'string' || !isDay(v.trim())) return (this.fail(field, 'date', { value: String(v) }), null);
    return v.trim();
  }

  bool(src: Input, key: string, field: string, fallback: boolean): boolean {
    const v = src[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') return (this.fail(field, 'boolean'), fallback);
    return v;
  }

  order<T extends number | string>(min: T | null, max: T | null, maxField: string, minField: string): void {
    const below = typeof min === 'string' && typeof max === 'string' ? Number(max) < Number(min) : min !== null && max !== null && max < min;
    if (below) this.fail(maxField, 'order', { other: minField, value: String(max), otherValue: String(min) });
  }
}

const obj = (v: unknown): Input => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Input) : {});

/**
 * Validates a definition. `offerId` comes from the body unless given (a PUT
 * names it in the URL). The result's definition is complete even when there
 * are errors (wrong fields take neutral defaults) but must only be used when
 * `errors` is empty.
 */
export function validateOffer(input: unknown, offerId?: string): { offer: OfferDefinition; errors: OfferError[] } {
  const r = new Reader();
  const src = obj(input);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) r.fail('offer', 'required');

  const id = offerId ?? r.text(src, 'offerId', 'offerId', 64, true);
  if (id && !OFFER_ID.test(id)) r.fail('offerId', 'offer_id', { value: id });
  const kindRaw = r.text(src, 'kind', 'kind', 64, true);
  if (kindRaw && !OFFER_KINDS.includes(kindRaw as never)) r.fail('kind', 'unknown', { value: kindRaw, allowed: OFFER_KINDS.join(', ') });
  const stages = r.list(src, 'stages', 'stages', STAGES, { nonEmpty: true });

  if (src.conditions !== undefined && (typeof src.conditions !== 'object' || src.conditions === null || Array.isArray(src.conditions)))
    r.fail('conditions', 'required');
  const c = obj(src.conditions);
  const conditions: OfferConditions = {
    statuses: r.list(c, 'statuses', 'conditions.statuses', STATUSES),
    tiers: r.list(c, 'tiers', 'conditions.tiers', VALUE_TIERS),
    minIdleDays: r.whole(c, 'minIdleDays', 'conditions.minIdleDays', 0, MAX_DAYS),
    maxIdleDays: r.whole(c, 'maxIdleDays', 'conditions.maxIdleDays', 0, MAX_DAYS),
    minLevel: r.whole(c, 'minLevel', 'conditions.minLevel', 0, MAX_LEVEL),
    maxLevel: r.whole(c, 'maxLevel', 'conditions.maxLevel', 0, MAX_LEVEL),
    servers: r.list(c, 'servers', 'conditions.servers', null, { max: 200 }),
    minClv: r.money(c, 'minClv', 'conditions.minClv', false),
    maxClv: r.money(c, 'maxClv', 'conditions.maxClv', false),
    riskTiers: r.list(c, 'riskTiers', 'conditions.riskTiers', RISK_ORDER),
  };
  r.order(conditions.minIdleDays, conditions.maxIdleDays, 'conditions.maxIdleDays', 'conditions.minIdleDays');
  r.order(conditions.minLevel, conditions.maxLevel, 'conditions.maxLevel', 'conditions.minLevel');
  r.order(conditions.minClv, conditions.maxClv, 'conditions.maxClv', 'conditions.minClv');
  if (conditions.statuses.length > 0 && stages.length > 0 && !stages.includes('decline')) r.fail('conditions.statuses', 'statuses_need_decline');

  if (src.cost !== undefined && (typeof src.cost !== 'object' || src.cost === null || Array.isArray(src.cost))) r.fail('cost', 'required');
  const k = obj(src.cost);
  const costKind = r.text(k, 'kind', 'cost.kind', 16, true);
  if (costKind && costKind !== 'fixed' && costKind !== 'spend_share') r.fail('cost.kind', 'unknown', { value: costKind, allowed: 'fixed, spend_share' });
  // Only the cost model's own figure is required; the other one is stored as 0 so a version says one thing.
  const fixedCost = costKind === 'spend_share' ? '0' : (r.money(k, 'fixedCost', 'cost.fixedCost', true) ?? '0');
  const spendShare = costKind === 'spend_share' ? r.ratio(k, 'spendShare', 'cost.spendShare', 0, 1) : 0;
  const cost: CostModel = { kind: costKind === 'spend_share' ? 'spend_share' : 'fixed', fixedCost, spendShare };

  const activeFrom = r.day(src, 'activeFrom', 'activeFrom', true) ?? '';
  const activeTo = r.day(src, 'activeTo', 'activeTo', false);
  if (activeFrom && activeTo && activeTo < activeFrom) r.fail('activeTo', 'date_order', { other: 'activeFrom', value: activeTo, otherValue: activeFrom });

  const offer: OfferDefinition = {
    offerId: id,
    kind: (OFFER_KINDS.includes(kindRaw as never) ? kindRaw : OFFER_KINDS[0]) as OfferDefinition['kind'],
    name: r.text(src, 'name', 'name', 120, true),
    description: r.text(src, 'description', 'description', 2000, false),
    stages,
    conditions,
    reward: r.text(src, 'reward', 'reward', 500, true),
    texts: readTexts(r, src.texts),
    cost,
    assumedUplift: r.ratio(src, 'assumedUplift', 'assumedUplift', 0, 1),
    holdoutShare: r.ratio(src, 'holdoutShare', 'holdoutShare', 0, 0.5),
    activeFrom,
    activeTo,
    enabled: r.bool(src, 'enabled', 'enabled', true),
  };
  return { offer, errors: r.errors };
}

/**
 * The words in other languages: an object by language code, each with an
 * optional name, description and reward under the same limits as the offer's
 * own. Empty texts are left out, so that language shows the offer's own words.
 */
function readTexts(r: Reader, v: unknown): OfferTexts {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return (r.fail('texts', 'object'), {});
  const texts: OfferTexts = {};
  for (const [lang, words] of Object.entries(v)) {
    if (!REPORT_LANGS.includes(lang as ReportLang)) {
      r.fail('texts', 'unknown', { value: lang, allowed: REPORT_LANGS.join(', ') });
      continue;
    }
    if (typeof words !== 'object' || words === null || Array.isArray(words)) {
      r.fail(`texts.${lang}`, 'object');
      continue;
    }
    const w = words as Record<string, unknown>;
    const read = {
      name: r.text(w, 'name', `texts.${lang}.name`, 120, false),
      description: r.text(w, 'description', `texts.${lang}.description`, 2000, false),
      reward: r.text(w, 'reward', `texts.${lang}.reward`, 500, false),
    };
    const kept = Object.fromEntries(Object.entries(read).filter(([, text]) => text !== ''));
    if (Object.keys(kept).length) texts[lang as ReportLang] = kept;
  }
  return texts;
}

/** The errors in one line, for 400 answers to API clients. */
function errorSummary(errors: OfferError[]): string {
  return errors.map((e) => e.message).join('; ');
}

/** A definition to save, or an `invalid` error carrying every field error so the editor can show each next to its input. */
export function parseOffer(input: unknown, offerId?: string): OfferDefinition {
  const { offer, errors } = validateOffer(input, offerId);
  if (errors.length) throw invalid(`the offer is not valid: ${errorSummary(errors)}`, { errors });
  return offer;
}
