// Quarantine reasons and rejected-file errors in the user's language. Reasons are worded in contract/
// (the churn report words them too); a rejected file's error is worded here when the ingester wrote it.
import { quarantineReasonText as reasonIn } from '../../../contract/quarantineReasons.ts';
import { lang, translate, type Lang, type MessageKey, type Vars } from './i18n.ts';

export { knownQuarantineReason } from '../../../contract/quarantineReasons.ts';

/** The reason worded in the user's language, or as stored when it has no known shape. */
export const quarantineReasonText = (reason: string, language: Lang = lang()): string => reasonIn(reason, language);

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
