import { checkAlerts } from '../server/alerts/evaluate.ts';
import type { Deps } from '../server/deps.ts';

/**
 * Checks the alert rules on a timer: no refresh happens when no file comes, so
 * no_new_file is judged here; the other rules see the day turn complete.
 */
export async function run(deps: Deps): Promise<void> {
  const { fired, deliveries } = await checkAlerts(deps);
  for (const a of fired) deps.log.warn('alert fired', { rule: a.rule, alertId: a.alertId, day: a.day, observed: a.observed });
  const failed = deliveries.filter((d) => !d.ok);
  if (failed.length) deps.log.warn('alert notifications failed', { targets: failed.map((d) => `${d.channel} ${d.target}`) });
}
