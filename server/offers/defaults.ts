import type { Db } from '../db/client.ts';
import { seedCatalogIfEmpty } from './catalog.ts';
import type { CostModel, OfferConditions, OfferDefinition } from '../../contract/offers.ts';

/**
 * The default catalog: one offer per action in DESIGN section 1's table, with
 * costs in the base currency (what a reward costs the game: a coupon's face
 * value, the margin given away by a bundle, a mail's handling) and assumed
 * uplifts until a launch measures them. Designers edit them on the Offers page.
 */
/** No condition beyond the offer's stages: the base every narrower condition set is written over. */
export const ANY_CONDITIONS: OfferConditions = {
  statuses: [],
  tiers: [],
  minIdleDays: null,
  maxIdleDays: null,
  minLevel: null,
  maxLevel: null,
  servers: [],
  minClv: null,
  maxClv: null,
  riskTiers: [],
};
const fixed = (amount: string): CostModel => ({ kind: 'fixed', fixedCost: amount, spendShare: 0 });
const share = (s: number): CostModel => ({ kind: 'spend_share', fixedCost: '0', spendShare: s });

/** Open-ended from a day before any game's data, so every default is active on any as-of day. */
const ALWAYS = { activeFrom: '2000-01-01', activeTo: null, enabled: true, holdoutShare: 0.1 } as const;

export const DEFAULT_OFFERS: readonly OfferDefinition[] = [
  {
    offerId: 'starter-gift-l10',
    kind: 'starter_gift',
    name: 'Starter gift at level 10',
    description: 'A first gift when a new player reaches level 10, to make them at home fast.',
    stages: ['exploration'],
    conditions: { ...ANY_CONDITIONS, minLevel: 10, maxLevel: 14 },
    reward: 'Gift pack: 200 gems and a mount for 7 days',
    cost: fixed('0.5000'),
    assumedUplift: 0.08,
    ...ALWAYS,
  },
  {
    offerId: 'starter-gift-l15',
    kind: 'starter_gift',
    name: 'Starter gift at level 15',
    description: 'The second starter gift, at level 15.',
    stages: ['exploration'],
    conditions: { ...ANY_CONDITIONS, minLevel: 15, maxLevel: 19 },
    reward: 'Gift pack: 300 gems and an equipment chest',
    cost: fixed('0.8000'),
    assumedUplift: 0.06,
    ...ALWAYS,
  },
  {
    offerId: 'starter-gift-l20',
    kind: 'starter_gift',
    name: 'Starter gift at level 20',
    description: 'The third starter gift, at level 20.',
    stages: ['exploration'],
    conditions: { ...ANY_CONDITIONS, minLevel: 20, maxLevel: 29 },
    reward: 'Gift pack: 500 gems and a rare pet',
    cost: fixed('1.2000'),
    assumedUplift: 0.05,
    ...ALWAYS,
  },
  {
    offerId: 'first-purchase-coupon-l30',
    kind: 'first_purchase_coupon',
    name: 'First-purchase coupon at level 30',
    description: 'A coupon for the first purchase of a player who reached level 30 without paying.',
    stages: ['exploration'],
    conditions: { ...ANY_CONDITIONS, tiers: ['non_payer'], minLevel: 30 },
    reward: '50% off the first gem pack',
    cost: fixed('1.0000'),
    assumedUplift: 0.1,
    ...ALWAYS,
  },
  {
    offerId: 'mentor-pairing',
    kind: 'mentor_pairing',
    name: 'Mentor pairing',
    description: 'Pairs a new player with a seasoned one; the mentor is rewarded when the newcomer stays.',
    stages: ['exploration'],
    conditions: { ...ANY_CONDITIONS, maxIdleDays: 3 },
    reward: 'Mentor bond: shared quest rewards, 100 gems to the mentor',
    cost: fixed('0.3000'),
    assumedUplift: 0.05,
    ...ALWAYS,
  },
  {
    offerId: 'event-invite',
    kind: 'event_invite',
    name: 'New-activity invite',
    description: 'Invites players gaining momentum to new activities (fishing, treasure hunts).',
    stages: ['growth'],
    conditions: { ...ANY_CONDITIONS },
    reward: 'Invitation and a free first ticket to the treasure hunt',
    cost: fixed('0.2000'),
    assumedUplift: 0.04,
    ...ALWAYS,
  },
  {
    offerId: 'limited-bundle',
    kind: 'limited_bundle',
    name: 'Limited bundle',
    description: 'A time-limited bundle for paying players in growth.',
    stages: ['growth'],
    conditions: { ...ANY_CONDITIONS, tiers: ['minnow', 'dolphin', 'whale'] },
    reward: 'Limited bundle: 30% more gems for 3 days',
    cost: fixed('1.5000'),
    assumedUplift: 0.05,
    ...ALWAYS,
  },
  {
    offerId: 'topup-bonus',
    kind: 'topup_bonus',
    name: 'Top-up bonus',
    description: 'Bonus gems on every top-up; the cost is a share of what the player spends.',
    stages: ['growth'],
    conditions: { ...ANY_CONDITIONS, tiers: ['minnow', 'dolphin', 'whale'] },
    reward: '+10% gems on every top-up for 14 days',
    cost: share(0.05),
    assumedUplift: 0.06,
    ...ALWAYS,
  },
  {
    offerId: 'vip-points',
    kind: 'vip_points',
    name: 'VIP points and privileges',
    description: 'VIP points on spend and privileges (queue skip), raising the cost of switching games.',
    stages: ['stable'],
    conditions: { ...ANY_CONDITIONS, tiers: ['dolphin', 'whale'] },
    reward: 'VIP points worth 3% of spend, queue skip, VIP-only server chat',
    cost: share(0.03),
    assumedUplift: 0.05,
    ...ALWAYS,
  },
  {
    offerId: 'community-event',
    kind: 'community_event',
    name: 'Community event',
    description: 'A guild or server-wide event for the settled base.',
    stages: ['stable'],
    conditions: { ...ANY_CONDITIONS },
    reward: 'Guild tournament with shared prizes',
    cost: fixed('0.4000'),
    assumedUplift: 0.03,
    ...ALWAYS,
  },
  {
    offerId: 'new-server',
    kind: 'new_server',
    name: 'Fresh new server',
    description: 'Invites declining and lapsed players to a fresh server, a clean start alongside other returners.',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] },
    reward: 'Head start on the new server: level boost and a starter chest',
    cost: fixed('2.0000'),
    assumedUplift: 0.08,
    ...ALWAYS,
  },
  {
    offerId: 'returning-reward',
    kind: 'returning_reward',
    name: 'Returning-player rewards',
    description: 'Rewards for coming back, with catch-up quests so a returner is not left behind.',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'], minIdleDays: 7 },
    reward: 'Welcome-back chest and a catch-up quest line',
    cost: fixed('3.0000'),
    assumedUplift: 0.15,
    ...ALWAYS,
  },
  {
    offerId: 'comrades-referral',
    kind: 'comrades_referral',
    name: 'Find your old comrades',
    description: 'Rewards an active player who brings back a lapsed companion from the same server.',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS, statuses: ['lapsed'] },
    reward: 'Comrade reward: 300 gems to the active player who brings a friend back',
    cost: fixed('2.5000'),
    assumedUplift: 0.1,
    ...ALWAYS,
  },
  {
    offerId: 'content-notice',
    kind: 'content_notice',
    name: 'Content-update notice',
    description: 'Tells declining players what is new since they left.',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] },
    reward: 'Mail and push notice of the latest content update',
    cost: fixed('0.0100'),
    assumedUplift: 0.02,
    ...ALWAYS,
  },
];

/** Seeds the default catalog when no offer exists yet; idempotent, run at every start after the migrations. */
export function seedDefaultOffers(db: Db): Promise<number> {
  return seedCatalogIfEmpty(db, DEFAULT_OFFERS);
}
