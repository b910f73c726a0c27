// Shapes of the offer-launch API (/api/offers/:id/launch, /api/launches...), re-exported by types.ts.
import type { Delivery } from '../../../contract/delivery.ts';
import type { Day, Money } from './types.ts';

export type LaunchGroup = 'treatment' | 'holdout';
export type WebhookStatus = 'none' | 'ok' | 'failed';

export interface Launch {
  launchId: string;
  offerId: string;
  offerVersion: number;
  offerName: string;
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

export interface LaunchRequestBody {
  asOf?: Day;
  seed?: number;
  windowDays: number;
  holdoutShare?: number;
  webhook: boolean;
  author: string;
  note: string;
  force?: boolean;
}

export interface LaunchAnswer {
  launch: Launch;
  webhook: { deliveryId: string; ok: boolean; attempts: number; players: number }[];
}

export interface Interval {
  low: number;
  high: number;
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
  windowEnd: Day;
  treatment: GroupFigures;
  holdout: GroupFigures;
  returnRate: { difference: number | null; ci: Interval | null; z: number | null; p: number | null };
  revenuePerPlayer: { difference: number | null; ci: Interval | null; df: number | null; p: number | null };
  reading: 'significant' | 'not_significant' | 'no_test';
}

export interface LaunchTransition {
  group: LaunchGroup;
  from: string;
  to: string;
  players: number;
}

export interface Uplift extends UpliftHeadline {
  launchId: string;
  transitions: LaunchTransition[];
  stageSource: 'snapshot' | 'view' | 'none';
}

export interface LaunchList {
  lastDay: Day | null;
  currency: string;
  launches: (Launch & { uplift: UpliftHeadline })[];
}

export interface LaunchDetail {
  launch: Launch & { offer: { reward: string; name: string; kind: string } };
  deliveries: Delivery[];
  currency: string;
}
