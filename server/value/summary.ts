import type { ValueList, ValueListName, ValueListSort, ValueQuery, ValueSummary } from '../../contract/value.ts';
import type { Db } from '../db/client.ts';
import { stageSourceOn } from '../lifecycle/stageSource.ts';
import { paretoCurve, paretoSummary } from '../queries/value/pareto.ts';
import { rfmSegments } from '../queries/value/rfmSegments.ts';
import { stageScores } from '../queries/value/stageScores.ts';
import { valueTiers } from '../queries/value/tiers.ts';
import { valueListPage } from './lists.ts';
import { RFM_SEGMENTS } from './rfm.ts';

/** Points on the Pareto curve: enough for a smooth line, few enough to draw at once. */
const CURVE_POINTS = 200;

/** Revenue concentration, value tiers, RFM segments and model scores per stage; empty before any data (no as-of day). */
export async function valueSummary(db: Db, q: ValueQuery | null): Promise<ValueSummary> {
  if (!q) return { asOf: null, pareto: null, curve: [], tiers: [], rfm: [], rfmSegments: RFM_SEGMENTS, stageScores: [] };
  const stages = { ...q, source: await stageSourceOn(db, q.asOf) };
  const [pareto, curve, tiers, rfm, scores] = await Promise.all([
    paretoSummary(db, q, stages.source),
    paretoCurve(db, q, stages.source, CURVE_POINTS),
    valueTiers(db, stages),
    rfmSegments(db, q),
    stageScores(db, stages),
  ]);
  return { ...q, pareto, curve, tiers, rfm, rfmSegments: RFM_SEGMENTS, stageScores: scores };
}

/** Page size when none is asked: the top spenders fit one screen, the other lists show more. */
export const defaultListLimit = (name: ValueListName) => (name === 'top_spenders' ? 20 : 50);

/** One page of a value list with its query echoed; an empty page before any data. */
export async function valueList(
  db: Db,
  name: ValueListName,
  q: ValueQuery | null,
  page: { limit: number; offset: number; sort: ValueListSort },
): Promise<ValueList> {
  if (!q) return { list: name, total: 0, players: [] };
  return { list: name, ...q, ...page, ...(await valueListPage(db, name, { ...q, ...page })) };
}
