import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { playerKeyHash } from '../../server/erasure/playerKey.ts';
import { keyHashSql } from '../../server/queries/erasure/keyHashSql.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';

/** The deny list is written from JS and read by the ingester's SQL: both sides must compute the same keyed hash. */
let engine: TestEngine;
beforeAll(async () => {
  engine = await freshEngine();
});
afterAll(() => engine?.cleanup());

describe('the keyed player-id hash', () => {
  const ids = ['p000123', 'player:7@eu-1', '玩家-42', 'a', 'x'.repeat(256), 'it\'s "quoted"'];
  const keys = ['k', 'a'.repeat(64), 'секрет 🔑'];

  it('is the same in SQL as in JS, for any id and key', async () => {
    for (const key of keys) {
      const got = await rows<{ id: string; h: string }>(engine.db, `SELECT id, ${keyHashSql('id')} AS h FROM (SELECT arrayJoin({ids:Array(String)}) AS id)`, {
        ids,
        erasure_key: key,
      });
      expect(got.map((r) => [r.id, r.h])).toEqual(ids.map((id) => [id, playerKeyHash(key, id)]));
    }
  });

  it('depends on the key: another key gives another hash', () => {
    expect(playerKeyHash('k1', 'p1')).not.toBe(playerKeyHash('k2', 'p1'));
    expect(playerKeyHash('k1', 'p1')).toMatch(/^[0-9a-f]{64}$/);
  });
});
