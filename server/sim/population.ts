/**
 * Player lifecycle model: who plays on which day, how long, and who pays.
 * State lives in typed arrays (one slot per player) and the day loop only walks
 * players still "alive", so cost grows with activity rather than players x days.
 */
import type { Random } from './random.ts';

export const PLATFORMS = ['ios', 'android', 'pc'] as const;
export const CHANNELS = ['organic', 'ads', 'referral'] as const;
/** Price points in cents; the shop a mid-core mobile game would have. */
export const SKUS: ReadonlyArray<readonly [sku: string, cents: number]> = [
  ['gems_80', 99],
  ['gems_500', 499],
  ['battle_pass', 999],
  ['gems_1200', 999],
  ['gems_2500', 1999],
  ['gems_6500', 4999],
  ['gems_14000', 9999],
];
const STARTER: readonly [string, number] = ['starter_pack', 299];

export interface SessionEv {
  player: number;
  start: number;
  dur: number;
  level: number;
}
export interface PaymentEv {
  player: number;
  ts: number;
  cents: number;
  sku: string;
}

// Lifecycle states. Bounce = tries the game for 1-3 days; daily/weekly = settled habit;
// fader = activity decays; dormant = faded but scheduled to come back once.
// Half the habit players settle in over their first weeks (playing more and more days), which is
// what the Growth stage catches once their first month is over.
const BOUNCE = 0,
  DAILY = 1,
  WEEKLY = 2,
  FADER = 3,
  DORMANT = 4,
  DEAD = 5;
const DAY_MS = 86_400_000;

/** Relative play intensity by UTC hour: quiet nights, evening peak. */
const HOUR_WEIGHTS = [3, 2, 1.5, 1, 1, 1, 1.5, 2.5, 3.5, 4, 4.5, 5, 6, 5.5, 5, 5, 5.5, 6.5, 8, 9.5, 10, 9, 7, 5];

export class Population {
  readonly regDay: Int32Array;
  readonly server: Uint16Array;
  readonly platform: Uint8Array;
  readonly channel: Uint8Array;
  private readonly state: Uint8Array;
  private readonly aux: Uint8Array; // bounce: extra days left; weekly: weekday bit mask
  private readonly returns: Uint8Array;
  private readonly p: Float32Array;
  private readonly half: Float32Array;
  private readonly settleDays: Float32Array; // habit: days to reach the full habit; 0 = from the start
  private readonly mark: Int32Array; // fader: fade start day; dormant: return day; habit: churn day
  private readonly convDay: Int32Array;
  private readonly paid: Uint8Array;
  private readonly spend: Float32Array;
  private readonly minutes: Float64Array;
  private readonly prefMin: Float32Array;
  private alive: number[] = [];
  registered = 0;

  constructor(
    capacity: number,
    private readonly rng: Random,
  ) {
    this.regDay = new Int32Array(capacity);
    this.server = new Uint16Array(capacity);
    this.platform = new Uint8Array(capacity);
    this.channel = new Uint8Array(capacity);
    this.state = new Uint8Array(capacity);
    this.aux = new Uint8Array(capacity);
    this.returns = new Uint8Array(capacity);
    this.p = new Float32Array(capacity);
    this.half = new Float32Array(capacity);
    this.settleDays = new Float32Array(capacity);
    this.mark = new Int32Array(capacity);
    this.convDay = new Int32Array(capacity);
    this.paid = new Uint8Array(capacity);
    this.spend = new Float32Array(capacity);
    this.minutes = new Float64Array(capacity);
    this.prefMin = new Float32Array(capacity);
  }

  /** A minute of the day drawn from the diurnal curve. */
  sampleMinute(): number {
    return this.rng.weighted(HOUR_WEIGHTS) * 60 + this.rng.next() * 60;
  }

  /** Adds a player whose first session starts at `minute` of `day`; returns the player index. */
  register(day: number, server: number, minute: number, waveDay: boolean): number {
    const r = this.rng;
    const i = this.registered++;
    this.regDay[i] = day;
    this.server[i] = server;
    this.prefMin[i] = minute;
    this.platform[i] = r.weighted([0.36, 0.5, 0.14]);
    // Opening waves are pushed by ad campaigns.
    this.channel[i] = r.weighted(waveDay ? [0.35, 0.55, 0.1] : [0.55, 0.33, 0.12]);
    const st = r.weighted([0.42, 0.12, 0.06, 0.4]);
    this.state[i] = st;
    if (st === BOUNCE) this.aux[i] = r.weighted([0.45, 0.33, 0.22]);
    else if (st === FADER) this.toFader(i, day + 1, r.uniform(0.35, 0.8), r.uniform(3, 20), 0.35);
    else {
      this.p[i] = st === DAILY ? r.uniform(0.6, 0.95) : 0.85;
      this.settleDays[i] = r.chance(0.6) ? r.uniform(30, 90) : 0;
      this.mark[i] = day + 1 + Math.floor(r.exponential(150));
      if (st === WEEKLY) {
        const a = r.int(0, 6),
          b = (a + r.int(2, 4)) % 7,
          c = (b + r.int(1, 3)) % 7;
        this.aux[i] = (1 << a) | (1 << b) | (r.chance(0.5) ? 1 << c : 0);
      }
    }
    // Habit players convert far more often; most conversions happen in the first days.
    const conv = [0.01, 0.22, 0.16, 0.06][st];
    this.convDay[i] = r.chance(conv) ? day + Math.floor(r.chance(0.8) ? r.exponential(3) : r.exponential(21)) : -1;
    // A few whales with a Pareto tail; everyone else lognormal around 1.
    this.spend[i] = r.chance(0.04) ? Math.min(400, r.pareto(12, 1.3)) : r.lognormal(0, 0.9);
    this.minutes[i] = 0;
    this.paid[i] = 0;
    this.alive.push(i);
    return i;
  }

  private toFader(i: number, day: number, p: number, half: number, returnChance: number): void {
    this.state[i] = FADER;
    this.p[i] = p;
    this.half[i] = half;
    this.mark[i] = day;
    this.returns[i] = this.rng.chance(returnChance) ? 1 : 0;
  }

  /** A habit player's share of their full habit on `day`: a quarter at first, all of it once settled. */
  private settled(i: number, day: number): number {
    const days = this.settleDays[i];
    return days === 0 ? 1 : Math.min(1, 0.25 + (0.75 * (day - this.regDay[i])) / days);
  }

  /** Whether an existing player (registered before `day`) plays today; advances lifecycle state. */
  private activeToday(i: number, day: number, dow: number, weekend: number): boolean {
    const r = this.rng;
    let st = this.state[i];
    if ((st === DAILY || st === WEEKLY) && day >= this.mark[i]) {
      this.toFader(i, day, this.p[i] * this.settled(i, day), r.uniform(3, 12), 0.3);
      st = FADER;
    }
    switch (st) {
      case BOUNCE:
        if (this.aux[i] === 0 || day - this.regDay[i] > 7) break;
        if (r.chance(0.42)) {
          this.aux[i]--;
          return true;
        }
        return false;
      case DAILY:
        return r.chance(this.p[i] * this.settled(i, day) * weekend);
      case WEEKLY:
        return r.chance((this.aux[i] >> dow) & 1 ? this.p[i] * this.settled(i, day) : 0.06);
      case FADER: {
        const prob = this.p[i] * 0.5 ** ((day - this.mark[i]) / this.half[i]);
        if (prob >= 0.03) return r.chance(prob * weekend);
        if (this.returns[i] > 0) {
          this.state[i] = DORMANT;
          this.mark[i] = day + 10 + Math.floor(r.exponential(20));
          return false;
        }
        break;
      }
      case DORMANT:
        if (day < this.mark[i]) return false;
        // Comes back for a while, then fades again; no second comeback.
        this.toFader(i, day, r.uniform(0.4, 0.75), r.uniform(3, 10), 0);
        return true;
    }
    this.state[i] = DEAD;
    return false;
  }

  /** Appends today's sessions and purchases of a player who plays on `day`. */
  playDay(i: number, day: number, dayStart: number, sessions: SessionEv[], payments: PaymentEv[]): void {
    const r = this.rng;
    const habit = this.state[i] === DAILY || this.state[i] === WEEKLY;
    const whale = this.spend[i] > 10;
    const first = day === this.regDay[i];
    const count = Math.min(4, 1 + r.poisson(habit ? 2.2 : 1.2) + (whale ? 1 : 0));
    const median = first ? 12 : habit || whale ? 28 : 16;
    const mine: SessionEv[] = [];
    // The first session of the registration day starts at the registration minute.
    let t = first ? this.prefMin[i] : (((this.prefMin[i] + r.normal(0, 100)) % 1440) + 1440) % 1440;
    for (let k = 0; k < count && t < 1440; k++) {
      const dur = Math.round(Math.min(6 * 3600, Math.max(30, r.lognormal(Math.log(median * 60), 0.85))));
      this.minutes[i] += dur / 60;
      // Level grows with the square root of play time: fast early, slow later.
      const level = 1 + Math.floor(Math.sqrt(this.minutes[i] / 8));
      const s: SessionEv = { player: i, start: dayStart + Math.floor(t * 60_000), dur, level };
      mine.push(s);
      sessions.push(s);
      t += dur / 60 + 20 + r.exponential(150);
    }
    if (this.convDay[i] < 0 || day < this.convDay[i]) return;
    const w = this.spend[i];
    let n = 0;
    if (!this.paid[i]) n = 1;
    else if (r.chance(Math.min(0.8, 0.12 + 0.08 * w ** 0.6))) n = 1 + r.poisson(Math.min(2.5, w / 25));
    for (let k = 0; k < n; k++) {
      const s = r.pick(mine);
      let ts = s.start + Math.floor(r.next() * Math.min(s.dur, 1800) * 1000);
      if (ts >= dayStart + DAY_MS) ts = s.start;
      const [sku, cents] = !this.paid[i] && r.chance(0.6) ? STARTER : this.pickSku(w);
      this.paid[i] = 1;
      payments.push({ player: i, ts, cents, sku });
    }
  }

  /** Bigger spenders aim at bigger packs; nearest price on a log scale. */
  private pickSku(w: number): readonly [string, number] {
    const target = Math.log(300 * w * this.rng.lognormal(0, 0.7));
    let best = 0,
      bestD = Infinity;
    for (let k = 0; k < SKUS.length; k++) {
      const d = Math.abs(Math.log(SKUS[k][1]) - target) + this.rng.next() * 0.01;
      if (d < bestD) [best, bestD] = [k, d];
    }
    return SKUS[best];
  }

  /** Plays one calendar day for every player registered before it; drops players who are gone for good. */
  simulateDay(day: number, dayStart: number, sessions: SessionEv[], payments: PaymentEv[]): void {
    const dow = (((Math.floor(dayStart / DAY_MS) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const weekend = dow === 0 || dow === 6 ? 1.12 : 1;
    const next: number[] = [];
    for (const i of this.alive) {
      if (this.regDay[i] < day && this.activeToday(i, day, dow, weekend)) this.playDay(i, day, dayStart, sessions, payments);
      if (this.state[i] !== DEAD) next.push(i);
    }
    this.alive = next;
  }
}
