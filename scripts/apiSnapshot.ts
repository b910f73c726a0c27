/**
 * Records every API answer on a fixed simulated game (see test/helpers/apiSnapshot.ts),
 * so two commits can be compared byte for byte:
 *   tsx scripts/apiSnapshot.ts --out /tmp/api-before.txt [--players 600]
 *   tsx scripts/apiSnapshot.ts --update      rewrites test/golden/api.txt after an intended change
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiSnapshot, GOLDEN_PLAYERS } from '../test/helpers/apiSnapshot.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../test/golden/api.txt');

const { values } = parseArgs({
  options: { out: { type: 'string' }, players: { type: 'string' }, update: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help || (!values.out && !values.update)) {
  console.log('Usage: tsx scripts/apiSnapshot.ts --out FILE [--players N] | --update');
  process.exit(values.help ? 0 : 2);
}
const players = values.players === undefined ? GOLDEN_PLAYERS : Number(values.players);
if (!Number.isInteger(players) || players < 1) throw new Error(`--players must be a whole number from 1, got "${values.players}"`);

const t0 = Date.now();
const text = await apiSnapshot({ players, progress: (m) => console.log(`api:snapshot: ${((Date.now() - t0) / 1000).toFixed(1)} s: ${m}`) });
const out = values.update ? GOLDEN : path.resolve(values.out!);
writeFileSync(out, text);
console.log(`api:snapshot: wrote ${out} (${Buffer.byteLength(text)} bytes) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
