// The web's barrel for the API shapes still read from here; the wire types themselves live in contract/ (one per endpoint).

export type * from './modelTypes.ts';
export type * from './deliveryTypes.ts';
export type * from './launchTypes.ts';
export type * from './reportTypes.ts';
export type * from './offerTypes.ts';
export type * from './winbackTypes.ts';

export type { Day, Money } from '../../../contract/common.ts';
export type { Stage, ValueTier as Tier } from '../../../contract/enums.ts';
export type { Meta } from '../../../contract/health.ts';
export type { StageScores, ValueSummary } from '../../../contract/value.ts';
