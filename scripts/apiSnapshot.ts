/**
 * Records every API answer on a fixed simulated game (see test/helpers/apiSnapshot.ts),
 * so two commits can be compared byte for byte:
 *   tsx scripts/apiSnapshot.ts --out /tmp/api-before.txt   the full record
 *   tsx scripts/apiSnapshot.ts --update                    rewrites test/golden/api.txt (the record
 *                                                          without the stage-rule versions) after an intended change
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiSnapshot } from '../test/helpers/apiSnapshot.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../test/golden/api.txt');

const { values } = parseArgs({
  options: { out: { type: 'string' }, update: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help || Boolean(values.out) === values.update) {
  console.log('Usage: tsx scripts/apiSnapshot.ts --out FILE | --update');
  process.exit(values.help ? 0 : 2);
}

const t0 = Date.now();
const progress = (m: string) => console.log(`api:snapshot: ${((Date.now() - t0) / 1000).toFixed(1)} s: ${m}`);
const text = await apiSnapshot({ ruleVersions: !values.update, progress });
const out = values.update ? GOLDEN : path.resolve(values.out!);
writeFileSync(out, text);
progress(`wrote ${out} (${Buffer.byteLength(text)} bytes)`);
