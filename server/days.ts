/**
 * Calendar arithmetic on game-zone days (YYYY-MM-DD). The strings carry no
 * zone; handling them as UTC midnights keeps the calendar date unchanged.
 */
const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromMs(toMs(day) + n * DAY_MS);

/** Today's date in the game's time zone (the day of `at`, for a check judged as of another time). */
export function today(tz: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Every day from `from` to `to`, inclusive (empty when from is after to). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = toMs(from); t <= toMs(to); t += DAY_MS) out.push(fromMs(t));
  return out;
}

/** The first day of the week holding `day`; weekStart 1 = Monday, 7 = Sunday. */
export function weekStartOf(day: string, weekStart: 1 | 7): string {
  const dow = new Date(toMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -(weekStart === 1 ? (dow + 6) % 7 : dow));
}
