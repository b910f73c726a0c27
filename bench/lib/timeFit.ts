/**
 * How long a BG/NBD fit takes on grouped rows, for the model benchmark. The
 * fit's cost follows the number of distinct (x, t_x, T) rows, not
 * the number of players they stand for; the middle of several runs (the median
 * for an odd count) tames the noise of a shared machine.
 */
import { performance } from 'node:perf_hooks';
import { fitBgNbd, type BgNbdFit, type BgNbdRow } from '../../server/models/bgnbd.ts';

export interface FitTiming {
  fit: BgNbdFit;
  rows: number;
  players: number;
  medianMs: number;
}

export function timeBgNbdFit(rows: readonly BgNbdRow[], runs = 5): FitTiming {
  if (!(Number.isInteger(runs) && runs >= 1)) throw new RangeError(`runs must be a whole number >= 1, got ${runs}`);
  const times: number[] = [];
  let fit = fitBgNbd(rows); // untimed, so the runs measure compiled code
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fit = fitBgNbd(rows);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { fit, rows: rows.length, players: fit.players, medianMs: times[Math.floor(runs / 2)] };
}
