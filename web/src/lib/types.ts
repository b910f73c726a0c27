// The web's barrel for the API shapes still read from here; the wire types themselves live in contract/ (one per endpoint).

export type { RiskTier } from '../../../contract/enums.ts';
export type * from '../../../contract/models.ts';
export type * from '../../../contract/delivery.ts';
export type * from '../../../contract/reports.ts';

export type { Day, Money } from '../../../contract/common.ts';
export type { Stage, ValueTier as Tier } from '../../../contract/enums.ts';
export type { Meta } from '../../../contract/health.ts';
export type { StageScores, ValueSummary } from '../../../contract/value.ts';
