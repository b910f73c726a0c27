// Requests and responses of POST /api/offers/:id/launch and /api/launches* (DESIGN section 8): launches and their uplift.
import type { Day, Money } from './common.ts';
import type { OfferTexts, OfferVersion } from './offers.ts';
import type { Delivery } from './delivery.ts';

export const LAUNCH_GROUPS = ['treatment', 'holdout'] as const;
export type LaunchGroup = (typeof LAUNCH_GROUPS)[number];
export type WebhookStatus = 'none' | 'ok' | 'failed';

/** A stored launch as lists show it. */
export interface Launch {
  launchId: string;
  offerId: string;
  offerVersion: number;
  offerName: string;
  /** The offer's words in other languages, as the launch froze them. */
  offerTexts: OfferTexts;
  offerKind: string;
  asOf: Day;
  launchedAt: string;
  author: string;
  note: string;
  seed: number;
  holdoutShare: number;
  windowDays: number;
  audience: number;
  treatment: number;
  holdout: number;
  /** What the treatment's rewards cost (the holdout gets none). */
  totalCost: Money;
  webhookUrl: string;
  webhookStatus: WebhookStatus;
}

/** Body of POST /api/offers/:id/launch. */
export interface LaunchRequestBody {
  asOf?: Day;
  seed?: number;
  /** Days of the measurement window, 1..90; 14 when absent. */
  windowDays?: number;
  /** 0..0.5; the offer's own share when absent. */
  holdoutShare?: number;
  webhook?: boolean;
  author: string;
  note?: string;
  /** Launch again for a day that has a launch already. */
  force?: boolean;
}

/** One webhook request of a launch (the treatment goes out in batches). */
export interface WebhookBatch {
  deliveryId: string;
  ok: boolean;
  attempts: number;
  players: number;
}

/** POST /api/offers/:id/launch */
export interface LaunchAnswer {
  launch: Launch;
  /** One per batch sent; empty when no webhook was asked. */
  webhook: WebhookBatch[];
}

export interface Interval {
  low: number;
  high: number;
}

export interface ProportionComparison {
  /** treatment rate - holdout rate; null when a group is empty. */
  difference: number | null;
  /** Unpooled (Wald) 95% interval of the difference. */
  ci: Interval | null;
  /** Pooled two-proportion z statistic; null when it is undefined (an empty group, or both rates 0 or both 1). */
  z: number | null;
  /** Two-sided p-value of z; null with z. */
  p: number | null;
}

export interface MeanComparison {
  difference: number | null;
  /** Welch 95% interval; null when a group has fewer than 2 members or both variances are 0. */
  ci: Interval | null;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number | null;
  /** Two-sided p-value of Welch's t. */
  p: number | null;
}

export interface GroupFigures {
  members: number;
  returned: number;
  returnRate: number | null;
  payers: number;
  revenue: Money;
  revenuePerPlayer: Money;
}

export interface UpliftHeadline {
  state: 'measuring' | 'complete';
  daysElapsed: number;
  windowDays: number;
  /** Last day counted: as_of + window_days when complete, else the last day with data. */
  windowEnd: Day;
  treatment: GroupFigures;
  holdout: GroupFigures;
  returnRate: ProportionComparison;
  revenuePerPlayer: MeanComparison;
  /** 'significant' when the return-rate test is below 5%; 'not_significant' with a test; 'no_test' without one. */
  reading: 'significant' | 'not_significant' | 'no_test';
}

export interface LaunchTransition {
  group: LaunchGroup;
  /** Stage at launch (as frozen). */
  from: string;
  /** Stage on the window's end day, 'lost' past the lost horizon. */
  to: string;
  players: number;
}

/** GET /api/launches/:id/uplift */
export interface Uplift extends UpliftHeadline {
  launchId: string;
  transitions: LaunchTransition[];
  /** Where the end-day stages come from. */
  stageSource: 'snapshot' | 'view' | 'none';
}

/** Query of GET /api/launches. */
export interface LaunchListQuery {
  limit?: number;
}

/** GET /api/launches: newest first, each with its uplift so far. */
export interface LaunchList {
  lastDay: Day | null;
  currency: string;
  launches: (Launch & { uplift: UpliftHeadline })[];
}

/** GET /api/launches/:id: the launch with the offer as it froze it, and its delivery attempts. */
export interface LaunchDetail {
  launch: Launch & { offer: OfferVersion };
  deliveries: Delivery[];
  currency: string;
}

/** Query of GET /api/launches/:id/audience.csv; the answer is text/csv. */
export interface LaunchCsvQuery {
  group?: 'all' | LaunchGroup;
}
