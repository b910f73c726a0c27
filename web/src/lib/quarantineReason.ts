// A quarantine reason in the user's language. The ingester stores each reason as fixed English text, some
// with the field or the configured limit in it (server/queries/ingest/stagingSql.ts, conflicts.ts); each
// shape has a message here, and the field names, limits and values inside stay as they are.
import { lang, translate, type Lang, type MessageKey, type Vars } from './i18n.ts';

const LIMITS: Record<string, MessageKey> = {
  'longest session': 'quarantine.limit.session',
  'highest level': 'quarantine.limit.level',
  'largest single payment': 'quarantine.limit.payment',
};

/** In order: the first rule whose pattern matches words the reason. */
const RULES: [RegExp, MessageKey, (m: RegExpMatchArray, language: Lang) => Vars][] = [
  [/^missing end or duration_s$/, 'quarantine.why.missingEnd', () => ({})],
  [/^missing (\S+)$/, 'quarantine.why.missing', (m) => ({ field: m[1] })],
  [/^(\S+) is not ISO-8601 with an offset or epoch milliseconds$/, 'quarantine.why.notTime', (m) => ({ field: m[1] })],
  [/^(\S+) is more than a day in the future$/, 'quarantine.why.future', (m) => ({ field: m[1] })],
  [/^(\S+) is not an integer 0\.\.65535$/, 'quarantine.why.notLevel', (m) => ({ field: m[1] })],
  [/^(\S+) is not an integer$/, 'quarantine.why.notInteger', (m) => ({ field: m[1] })],
  [/^negative duration$/, 'quarantine.why.negativeDuration', () => ({})],
  [/^amount is not a decimal number$/, 'quarantine.why.notDecimal', () => ({})],
  [/^unknown currency$/, 'quarantine.why.unknownCurrency', () => ({})],
  [/^unparsable JSON$/, 'quarantine.why.unparsable', () => ({})],
  [/^erased player$/, 'quarantine.why.erased', () => ({})],
  [/^friend_id is the player_id itself$/, 'quarantine.why.selfLink', () => ({})],
  [/^conflicting duplicate: different (.+)$/, 'quarantine.why.conflict', (m) => ({ field: m[1] })],
  [
    /^(duration|level|amount|refund) is above the (longest session|highest level|largest single payment) \((.+)\)$/,
    'quarantine.why.overLimit',
    (m, language) => ({ field: m[1], limit: translate(language, LIMITS[m[2]]), value: m[3] }),
  ],
];

/** The reason worded in the user's language, or as stored when it has no known shape. */
export function quarantineReasonText(reason: string, language: Lang = lang()): string {
  for (const [pattern, key, vars] of RULES) {
    const m = reason.match(pattern);
    if (m) return translate(language, key, vars(m, language));
  }
  return reason;
}

/** Whether a reason has a known shape (the unit test holds every reason the ingester writes to this). */
export const knownQuarantineReason = (reason: string): boolean => RULES.some(([pattern]) => pattern.test(reason));

const FILE_RULES: [RegExp, MessageKey, (m: RegExpMatchArray) => Vars][] = [
  [/^file holds no rows$/, 'ledger.why.empty', () => ({})],
  [/^(\d+) of (\d+) rows are bad \(over the (\d+)% limit\): file rejected whole$/, 'ledger.why.tooManyBad', (m) => ({ bad: m[1], total: m[2], limit: m[3] })],
];

/**
 * Why a file was rejected, in the user's language when the ingester worded it; an error the engine
 * raised (a file it could not read) is shown as the engine wrote it, marked as such by the caller.
 */
export function fileErrorText(error: string, language: Lang = lang()): { text: string; worded: boolean } {
  for (const [pattern, key, vars] of FILE_RULES) {
    const m = error.match(pattern);
    if (m) return { text: translate(language, key, vars(m)), worded: true };
  }
  return { text: error, worded: false };
}
