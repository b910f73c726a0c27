// The offer editor's form state and its conversions, pure so they are unit-tested. The form keeps what the
// designer typed (text), and the draft sent to the server carries that text as it is: the server validates
// it (one source of truth) and names each problem by field and code.
import type { Day } from '../../../contract/common.ts';
import { REPORT_LANGS, type OfferKind, type ReportLang, type RiskTier, type Stage, type Status, type ValueTier } from '../../../contract/enums.ts';
import type { OfferDefinition, OfferDraft, OfferTexts, OfferWords } from '../../../contract/offers.ts';

export interface OfferForm {
  offerId: string;
  kind: OfferKind;
  name: string;
  description: string;
  stages: Stage[];
  statuses: Status[];
  tiers: ValueTier[];
  minIdleDays: string;
  maxIdleDays: string;
  minLevel: string;
  maxLevel: string;
  servers: string;
  minClv: string;
  maxClv: string;
  riskTiers: RiskTier[];
  reward: string;
  /** The words in each language, empty where the offer's own words are shown. */
  texts: Record<ReportLang, OfferWords>;
  costKind: 'fixed' | 'spend_share';
  fixedCost: string;
  spendShare: string;
  assumedUplift: string;
  holdoutShare: string;
  activeFrom: string;
  activeTo: string;
  enabled: boolean;
}

const text = (v: number | string | null) => (v === null ? '' : String(v));

/** Every language's three texts, as typed (empty when the offer has none). */
const textsForm = (t: OfferTexts = {}): Record<ReportLang, OfferWords> =>
  Object.fromEntries(REPORT_LANGS.map((l) => [l, { name: t[l]?.name ?? '', description: t[l]?.description ?? '', reward: t[l]?.reward ?? '' }])) as Record<
    ReportLang,
    OfferWords
  >;

/** The texts typed, without the empty ones (the server drops them too, so a form compares equal to its saved offer). */
function textsDraft(f: Record<ReportLang, OfferWords>): OfferTexts {
  const out: OfferTexts = {};
  for (const l of REPORT_LANGS) {
    const kept = Object.fromEntries(Object.entries(f[l]).filter(([, v]) => v.trim() !== ''));
    if (Object.keys(kept).length) out[l] = kept;
  }
  return out;
}

/** The form of a saved offer, or of a new one starting on `today`. */
export function formOf(o: OfferDefinition | null, today: Day): OfferForm {
  if (!o) {
    return {
      offerId: '',
      kind: 'returning_reward',
      name: '',
      description: '',
      stages: ['decline'],
      statuses: [],
      tiers: [],
      minIdleDays: '',
      maxIdleDays: '',
      minLevel: '',
      maxLevel: '',
      servers: '',
      minClv: '',
      maxClv: '',
      riskTiers: [],
      reward: '',
      texts: textsForm(),
      costKind: 'fixed',
      fixedCost: '1.00',
      spendShare: '0.05',
      assumedUplift: '0.1',
      holdoutShare: '0.1',
      activeFrom: today,
      activeTo: '',
      enabled: true,
    };
  }
  const c = o.conditions;
  return {
    offerId: o.offerId,
    kind: o.kind,
    name: o.name,
    description: o.description,
    stages: [...o.stages],
    statuses: [...c.statuses],
    tiers: [...c.tiers],
    minIdleDays: text(c.minIdleDays),
    maxIdleDays: text(c.maxIdleDays),
    minLevel: text(c.minLevel),
    maxLevel: text(c.maxLevel),
    servers: c.servers.join(', '),
    minClv: text(c.minClv),
    maxClv: text(c.maxClv),
    riskTiers: [...c.riskTiers],
    reward: o.reward,
    texts: textsForm(o.texts),
    costKind: o.cost.kind,
    fixedCost: o.cost.kind === 'fixed' ? o.cost.fixedCost : '1.00',
    spendShare: o.cost.kind === 'spend_share' ? String(o.cost.spendShare) : '0.05',
    assumedUplift: String(o.assumedUplift),
    holdoutShare: String(o.holdoutShare),
    activeFrom: o.activeFrom,
    activeTo: o.activeTo ?? '',
    enabled: o.enabled,
  };
}

const open = (v: string): string | null => (v.trim() === '' ? null : v.trim());

export function draftOf(f: OfferForm): OfferDraft {
  return {
    offerId: f.offerId.trim(),
    kind: f.kind,
    name: f.name,
    description: f.description,
    texts: textsDraft(f.texts),
    stages: f.stages,
    conditions: {
      statuses: f.statuses,
      tiers: f.tiers,
      minIdleDays: open(f.minIdleDays),
      maxIdleDays: open(f.maxIdleDays),
      minLevel: open(f.minLevel),
      maxLevel: open(f.maxLevel),
      servers: f.servers.split(/[,，\s]+/).filter(Boolean),
      minClv: open(f.minClv),
      maxClv: open(f.maxClv),
      riskTiers: f.riskTiers,
    },
    reward: f.reward,
    cost: {
      kind: f.costKind,
      fixedCost: f.costKind === 'fixed' ? f.fixedCost.trim() : '0',
      spendShare: f.costKind === 'spend_share' ? f.spendShare.trim() : '0',
    },
    assumedUplift: f.assumedUplift.trim(),
    holdoutShare: f.holdoutShare.trim(),
    activeFrom: f.activeFrom,
    activeTo: open(f.activeTo),
    enabled: f.enabled,
  };
}

/** Whether two forms would save the same definition (the editor's "changed" mark). */
export function sameDraft(a: OfferForm, b: OfferForm): boolean {
  return JSON.stringify(draftOf(a)) === JSON.stringify(draftOf(b));
}

/** Toggles a value in a list, keeping the given order of choices. */
export function toggled<T extends string>(list: readonly T[], value: T, on: boolean, order: readonly T[]): T[] {
  const set = new Set(list);
  if (on) set.add(value);
  else set.delete(value);
  return order.filter((v) => set.has(v));
}
