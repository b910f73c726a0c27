import type { Day } from '../../contract/common.ts';
import type { RangeQuery } from '../../contract/overview.ts';
import { addDays } from '../days.ts';
import { invalid } from '../domainError.ts';

// Checks across parameters; each parameter on its own is parsed by input.ts against contract/requests.ts.

/** Refuses a pair of days in the wrong order. */
export function orderedDays(from: Day | undefined, to: Day | undefined): void {
  if (from && to && from > to) throw invalid(`from (${from}) is after to (${to})`);
}

/** A date range: the 30 days ending on `lastDay` (the latest day with data) when absent, at most `maxDays` long. */
export function rangeOf(q: { from?: Day; to?: Day; server: string }, lastDay: Day, maxDays = 731): RangeQuery {
  const to = q.to ?? lastDay;
  const from = q.from ?? addDays(to, -29);
  orderedDays(from, to);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxDays) throw invalid(`the range may cover at most ${maxDays} days`);
  return { from, to, server: q.server };
}
