/**
 * The keyed hash of a player id in SQL: HMAC-SHA256 under the erasure key, as
 * lowercase hex, with the key passed as the typed parameter {erasure_key:String}.
 * The same value as playerKeyHash in JS (server/erasure/playerKey.ts);
 * test/integration/erasure-keyhash.test.ts checks that they agree.
 */
export const keyHashSql = (idExpr: string) => `lower(hex(HMAC('SHA256', ${idExpr}, {erasure_key:String})))`;

/**
 * True when the id's keyed hash is on the deny list (erased_players). With an
 * empty list the condition folds to a constant and no hash is computed.
 */
export const deniedSql = (idExpr: string) => `((SELECT count() > 0 FROM erased_players) AND ${keyHashSql(idExpr)} IN (SELECT key_hash FROM erased_players))`;
