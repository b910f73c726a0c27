// Shapes of the stage-rules settings API (/api/settings/lifecycle...), re-exported by types.ts.
import type { Day, FlowKey, Money, Stage } from './types.ts';

export interface ThresholdDef {
  name: string;
  type: string;
  group: 'window' | 'exploration' | 'decline' | 'growth' | 'status' | 'tiers';
  min: number;
  max: number;
  exclusive?: boolean;
}

export interface RulesVersion {
  version: number;
  author: string;
  note: string;
  restoredFrom: number;
  createdAt: string;
}

export interface LifecycleSettings {
  active: RulesVersion & { rules: Record<string, string> };
  versions: RulesVersion[];
  thresholds: ThresholdDef[];
}

export interface RulesPreview {
  asOf: Day | null;
  valid: boolean;
  /** code names the message in settings.err.<code>, filled with vars. */
  errors: { field: string; code: string; vars: Record<string, string | number>; message: string }[];
  moves: { from: FlowKey; to: FlowKey; players: number; revenue: Money }[];
}

export interface BacktestRow {
  stage: Stage;
  players: number;
  stillActive: number;
  lapsed: number;
  stillActiveShare: number;
  lapsedShare: number;
  revenuePerPlayer: Money;
}

export interface Backtest {
  day: Day;
  through: Day;
  days: number;
  active: BacktestRow[];
  draft: BacktestRow[] | null;
}
