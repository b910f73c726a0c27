import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { apiSnapshot } from '../helpers/apiSnapshot.ts';

/**
 * Every API answer on the fixed simulated game, byte for byte, against the
 * committed record test/golden/api.txt (test/helpers/apiSnapshotRequests.ts
 * says what is asked, test/helpers/apiSnapshot.ts what is normalised). A change to any status, header or body
 * fails here. When the change is intended, refresh the record with
 *   npm run api:snapshot -- --update
 * and commit test/golden/api.txt with the change, so the diff shows it.
 */
const GOLDEN = path.join(import.meta.dirname, '../golden/api.txt');

/** One entry per request, so a failure names the request whose answer changed. */
const sections = (text: string) => text.split(/\n(?=### )/);

it('answers every request exactly as recorded in test/golden/api.txt', async () => {
  const actual = await apiSnapshot({ ruleVersions: false });
  expect(sections(actual)).toEqual(sections(readFileSync(GOLDEN, 'utf8')));
}, 240_000);
