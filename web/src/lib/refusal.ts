// Refusals of the server (401, 403, 429) and the error codes it names, worded in the user's language.
import type { Access } from '../../../contract/auth.ts';
import { messages, t, type MessageKey, type Translator } from './i18n.ts';

export interface Refusal {
  status: number;
  code?: string;
  needed?: Access;
  retryAfterSeconds?: number;
}

/** The translated text of a refusal, or null when the server's own message is the best there is. */
export function refusalText({ status, code, needed, retryAfterSeconds }: Refusal, tr: Translator = t): string | null {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds ?? 0));
  const coded = `error.${code}`;
  if (code && coded in messages.en) return tr(coded as MessageKey, { seconds });
  if (status === 403 && needed && needed !== 'public') return tr('access.error.needsRole', { role: tr(`role.${needed}`) });
  if (status === 401) return tr('access.error.signIn');
  if (status === 429) return retryAfterSeconds ? tr('access.error.wait', { seconds }) : tr('access.error.tooMany');
  return null;
}
