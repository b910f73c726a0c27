// Refusals of the server (401, 403, 429) and the error codes it names, worded in the user's language.
import { PASSWORD_MIN_LENGTH, type Access } from '../../../contract/auth.ts';
import { messages, t, type MessageKey, type Translator } from './i18n.ts';

export interface Refusal {
  status: number;
  code?: string;
  needed?: Access;
  retryAfterSeconds?: number;
  reason?: string;
}

/** The translated text of a refusal, or null when the server's own message is the best there is. */
export function refusalText({ status, code, needed, retryAfterSeconds, reason }: Refusal, tr: Translator = t): string | null {
  const vars = { seconds: Math.max(1, Math.ceil(retryAfterSeconds ?? 0)), min: PASSWORD_MIN_LENGTH };
  // The most precise wording there is: code and reason, then the code alone.
  for (const key of [`error.${code}.${reason}`, `error.${code}`]) if (code && key in messages.en) return tr(key as MessageKey, vars);
  if (status === 403 && needed && needed !== 'public') return tr('access.error.needsRole', { role: tr(`role.${needed}`) });
  if (status === 401) return tr('access.error.signIn');
  if (status === 429) return retryAfterSeconds ? tr('access.error.wait', vars) : tr('access.error.tooMany');
  return null;
}
