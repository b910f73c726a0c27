/** A DateTime64(3, 'UTC') column as ISO-8601 text ("2026-03-31T08:15:00.000Z"), which Date parses in any process time zone. */
export const isoTime = (column: 'fired_at' | 'acknowledged_at' | 'checked_at' | 'saved_at' | 'max(finished_at)'): string =>
  `concat(replaceOne(toString(${column}), ' ', 'T'), 'Z')`;
