import type { EventKind, FileFormat } from '../../ingest/fileKind.ts';
import { deniedSql } from '../erasure/keyHashSql.ts';

/**
 * Builds the one INSERT ... SELECT that parses and validates a whole file
 * inside ClickHouse (its parser is several times faster than JSON.parse in
 * Node). Every field is read as a nullable string and checked in SQL, so a bad
 * row becomes a row with a `reason` instead of failing the file.
 *
 * Parameters: {path:String} and {compression:String} (embedded engine, file()),
 * {tz:String} game time zone, {now:DateTime64(3)} for the future check,
 * {currencies:Array(String)} and {rates:Array(String)} (payments),
 * {erasure_key:String} the key of the erased players' deny list,
 * {max_payment:Decimal(18, 4)}, {max_session_s:UInt32} and {max_level:UInt16}
 * the game's plausibility limits (a row beyond one is quarantined, the limit in its reason).
 */

export const FIELDS: Record<EventKind, string[]> = {
  sessions: ['event_id', 'player_id', 'server_id', 'start', 'end', 'duration_s', 'level', 'platform', 'channel'],
  payments: ['event_id', 'player_id', 'server_id', 'ts', 'amount', 'currency', 'sku', 'channel'],
  friends: ['player_id', 'friend_id', 'since'],
};

export type Source = 'file' | 'input';

const ISO_WITH_OFFSET = String.raw`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$`;
const EPOCH_MS = String.raw`^\d{11,14}$`;
const DECIMAL = String.raw`^-?\d{1,14}(\.\d{1,4})?$`;
const INTEGER = String.raw`^-?\d{1,10}$`;

const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function tupleType(kind: EventKind): string {
  return `Tuple(${FIELDS[kind].map((f) => `${f} Nullable(String)`).join(', ')})`;
}

/** Where the rows come from: a file the engine reads itself, or the request body. */
function sourceSelect(kind: EventKind, format: FileFormat, source: Source): string {
  const structure = FIELDS[kind].map((f) => `${f} Nullable(String)`).join(', ');
  if (format === 'ndjson') {
    const from = source === 'file' ? `file({path:String}, 'LineAsString', 'line String', {compression:String})` : `input('line String')`;
    return `SELECT rowNumberInAllBlocks() + 1 AS line_no, line AS raw_line, isValidJSON(line) AS parsed,
              JSONExtract(line, ${sqlString(tupleType(kind))}) AS r
            FROM ${from}`;
  }
  const from = source === 'file' ? `file({path:String}, 'CSVWithNames', ${sqlString(structure)}, {compression:String})` : `input(${sqlString(structure)})`;
  const cols = FIELDS[kind];
  // CSV rows are re-joined for the quarantine's raw text; line 1 is the header. A row
  // of only empty fields is a blank line: its raw text is '' so it is skipped, as in NDJSON.
  const fields = cols.map((c) => `ifNull(${c}, '')`).join(', ');
  return `SELECT rowNumberInAllBlocks() + 2 AS line_no,
            if(concat(${fields}) = '', '', concatWithSeparator(',', ${fields})) AS raw_line,
            1 AS parsed,
            CAST(tuple(${cols.join(', ')}), ${sqlString(tupleType(kind))}) AS r
          FROM ${from}`;
}

/** Timestamp from ISO-8601 with offset or epoch milliseconds; NULL for anything else. */
function timeExpr(field: string): string {
  return `multiIf(match(${field}, '${EPOCH_MS}'), fromUnixTimestamp64Milli(toInt64OrNull(${field}), 'UTC'),
                  match(${field}, '${ISO_WITH_OFFSET}'), parseDateTime64BestEffortOrNull(${field}, 3, 'UTC'),
                  NULL)`;
}

const blank = (f: string) => `(${f} IS NULL OR trimBoth(${f}) = '')`;

/** Fields as strings, trimmed; the common checks every kind shares come first in each reason list. */
function fieldColumns(kind: EventKind): string {
  return FIELDS[kind].map((f) => `trimBoth(tupleElement(r, '${f}')) AS f_${f}`).join(',\n');
}

/**
 * A row of a player erased on request: quarantined with this reason and
 * without its raw text, so the quarantine never brings the data back.
 * Checked before any other reason (an unparsable line too: its id is read
 * from the text), so no other reason keeps such a row's text.
 */
export const ERASED_REASON = 'erased player';

/** A field of the line: the parsed one, or for a line that is not valid JSON, the text of `"field": "..."` in it. */
const idOf = (field: string) => `if(parsed, f_${field}, trimBoth(extract(raw_line, '"${field}"\\s*:\\s*"([^"]*)"')))`;
const erasedCheck = (...fields: string[]): [string, Reason] => [
  fields.map((f) => `(NOT ${blank(idOf(f))} AND ${deniedSql(idOf(f))})`).join(' OR '),
  ERASED_REASON,
];

/** The raw text a quarantined row keeps: none for good rows and for erased players' rows. */
const RAW_KEPT = `if(reason IN ('', '${ERASED_REASON}'), '', raw_line) AS raw`;

const COMMON_REASONS: [string, Reason][] = [
  erasedCheck('player_id'),
  [`NOT parsed`, 'unparsable JSON'],
  [blank('f_event_id'), 'missing event_id'],
  [blank('f_player_id'), 'missing player_id'],
  [blank('f_server_id'), 'missing server_id'],
];

/** A reason is a fixed text, or an SQL expression (`{sql}`) when it names a configured limit. */
type Reason = string | { sql: string };

function reasonExpr(pairs: [string, Reason][]): string {
  const text = (r: Reason) => (typeof r === 'string' ? sqlString(r) : r.sql);
  return `multiIf(${pairs.map(([cond, reason]) => `${cond}, ${text(reason)}`).join(',\n ')}, '')`;
}

/** "<what> is above the <limit> (<value><unit>)": the reason names the limit and its configured value. */
const overLimit = (what: string, limit: string, param: string, unit = "''"): Reason => ({
  sql: `concat(${sqlString(`${what} is above the ${limit} (`)}, toString(${param}), ${unit}, ')')`,
});

function sessionsSelect(): string {
  const reason = reasonExpr([
    ...COMMON_REASONS,
    [blank('f_start'), 'missing start'],
    ['t_start IS NULL', 'start is not ISO-8601 with an offset or epoch milliseconds'],
    ['t_start > {now:DateTime64(3)} + INTERVAL 1 DAY', 'start is more than a day in the future'],
    [`${blank('f_end')} AND ${blank('f_duration_s')}`, 'missing end or duration_s'],
    [`NOT ${blank('f_end')} AND t_end IS NULL`, 'end is not ISO-8601 with an offset or epoch milliseconds'],
    [`${blank('f_end')} AND NOT match(f_duration_s, '${INTEGER}')`, 'duration_s is not an integer'],
    ['dur < 0', 'negative duration'],
    ['dur > {max_session_s:UInt32}', overLimit('duration', 'longest session', '{max_session_s:UInt32}', `' s'`)],
    [`NOT ${blank('f_level')} AND (NOT match(f_level, '^\\d{1,5}$') OR toUInt32(f_level) > 65535)`, 'level is not an integer 0..65535'],
    [`NOT ${blank('f_level')} AND toUInt32(f_level) > {max_level:UInt16}`, overLimit('level', 'highest level', '{max_level:UInt16}')],
  ]);
  return `SELECT line_no AS line, ${RAW_KEPT}, reason,
            ifNull(f_event_id, '') AS event_id, ifNull(f_player_id, '') AS player_id, ifNull(f_server_id, '') AS server_id,
            ifNull(t_start, toDateTime64(0, 3, 'UTC')) AS start,
            toUInt32(if(reason = '', dur, 0)) AS duration_s,
            toDate(start, {tz:String}) AS day,
            toUInt16(if(reason = '' AND NOT ${blank('f_level')}, toUInt32(f_level), 0)) AS level,
            ifNull(f_platform, '') AS platform, ifNull(f_channel, '') AS channel
          FROM (
            SELECT *, ${timeExpr('f_start')} AS t_start, ${timeExpr('f_end')} AS t_end,
              if(t_end IS NOT NULL AND t_start IS NOT NULL, intDiv(dateDiff('millisecond', t_start, t_end), 1000),
                 toInt64OrNull(f_duration_s)) AS dur,
              ${reason} AS reason
            FROM (SELECT line_no, raw_line, parsed, ${fieldColumns('sessions')} FROM (SOURCE) WHERE NOT match(raw_line, '^\\s*$'))
          )`;
}

function paymentsSelect(): string {
  const reason = reasonExpr([
    ...COMMON_REASONS,
    [blank('f_ts'), 'missing ts'],
    ['t_ts IS NULL', 'ts is not ISO-8601 with an offset or epoch milliseconds'],
    ['t_ts > {now:DateTime64(3)} + INTERVAL 1 DAY', 'ts is more than a day in the future'],
    [blank('f_amount'), 'missing amount'],
    [`NOT match(f_amount, '${DECIMAL}')`, 'amount is not a decimal number'],
    ['rate IS NULL', 'unknown currency'],
    // Compared after conversion, as Decimal: the limit is in the base currency. A refund has the same bound.
    ['base_amt > {max_payment:Decimal(18, 4)}', overLimit('amount', 'largest single payment', '{max_payment:Decimal(18, 4)}', `' ', {base:String}`)],
    ['base_amt < -{max_payment:Decimal(18, 4)}', overLimit('refund', 'largest single payment', '{max_payment:Decimal(18, 4)}', `' ', {base:String}`)],
  ]);
  return `SELECT line_no AS line, ${RAW_KEPT}, reason,
            ifNull(f_event_id, '') AS event_id, ifNull(f_player_id, '') AS player_id, ifNull(f_server_id, '') AS server_id,
            ifNull(t_ts, toDateTime64(0, 3, 'UTC')) AS ts,
            toDate(ts, {tz:String}) AS day,
            if(reason = '', toDecimal64(round(base_amt, 4), 4), toDecimal64(0, 4)) AS amount,
            if(reason = '', amt, toDecimal64(0, 4)) AS amount_orig,
            currency_code AS currency, ifNull(f_sku, '') AS sku, ifNull(f_channel, '') AS channel
          FROM (
            SELECT *, ${timeExpr('f_ts')} AS t_ts,
              ifNull(toDecimal64OrNull(f_amount, 4), toDecimal64(0, 4)) AS amt,
              if(${blank('f_currency')}, {base:String}, upper(f_currency)) AS currency_code,
              if(has({currencies:Array(String)}, currency_code), {rates:Array(String)}[indexOf({currencies:Array(String)}, currency_code)], NULL) AS rate,
              toDecimal128(amt, 4) * toDecimal128(ifNull(rate, '0'), 8) AS base_amt,
              ${reason} AS reason
            FROM (SELECT line_no, raw_line, parsed, ${fieldColumns('payments')} FROM (SOURCE) WHERE NOT match(raw_line, '^\\s*$'))
          )`;
}

/** Friend links: two player ids and an optional `since` time; a link keyed by its two ends, no event id. */
function friendsSelect(): string {
  const reason = reasonExpr([
    erasedCheck('player_id', 'friend_id'),
    [`NOT parsed`, 'unparsable JSON'],
    [blank('f_player_id'), 'missing player_id'],
    [blank('f_friend_id'), 'missing friend_id'],
    ['f_player_id = f_friend_id', 'friend_id is the player_id itself'],
    [`NOT ${blank('f_since')} AND t_since IS NULL`, 'since is not ISO-8601 with an offset or epoch milliseconds'],
    ['t_since > {now:DateTime64(3)} + INTERVAL 1 DAY', 'since is more than a day in the future'],
  ]);
  return `SELECT line_no AS line, ${RAW_KEPT}, reason,
            ifNull(f_player_id, '') AS player_id, ifNull(f_friend_id, '') AS friend_id,
            if(reason = '', t_since, NULL) AS since,
            toDate(since, {tz:String}) AS day
          FROM (
            SELECT *, if(${blank('f_since')}, NULL, ${timeExpr('f_since')}) AS t_since, ${reason} AS reason
            FROM (SELECT line_no, raw_line, parsed, ${fieldColumns('friends')} FROM (SOURCE) WHERE NOT match(raw_line, '^\\s*$'))
          )`;
}

const SELECTS: Record<EventKind, () => string> = { sessions: sessionsSelect, payments: paymentsSelect, friends: friendsSelect };

/** INSERT INTO stage_<kind> ... parsing the file; `source` picks file() (embedded) or input() (remote, body streamed). */
export function stagingInsertSql(kind: EventKind, format: FileFormat, source: Source): string {
  const select = SELECTS[kind]();
  const sql = `INSERT INTO stage_${kind} ${select.replace('SOURCE', sourceSelect(kind, format, source))}`;
  const settings =
    format === 'csv'
      ? ' SETTINGS input_format_csv_allow_variable_number_of_columns = 1, input_format_skip_unknown_fields = 1, input_format_csv_empty_as_default = 1'
      : '';
  return source === 'input' ? `${sql}${settings} FORMAT ${format === 'csv' ? 'CSVWithNames' : 'LineAsString'}` : sql + settings;
}
