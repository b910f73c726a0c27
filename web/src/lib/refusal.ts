// Refusals of the server (401, 403, 429) and the error codes it names, worded in the user's language.
import { PASSWORD_MIN_LENGTH, type Access } from '../../../contract/auth.ts';
import type { ParamRefusal, ParamType } from '../../../contract/params.ts';
import { messages, t, type MessageKey, type Translator } from './i18n.ts';

export interface Refusal {
  status: number;
  code?: string;
  needed?: Access;
  retryAfterSeconds?: number;
  reason?: string;
  /** code bad_param: which parameter, and what it allows. */
  param?: ParamRefusal['param'];
  /** The values the code's wording names (an offer id, a day). */
  values?: Record<string, string | number>;
}

type Param = ParamRefusal['param'];

/** The message of a value of the wrong type (or out of range), by the parameter's type. */
const TYPE_KEY: Record<ParamType, MessageKey> = {
  day: 'error.bad_param.day',
  whole: 'error.bad_param.whole',
  number: 'error.bad_param.number',
  choice: 'error.bad_param.choice',
  text: 'error.bad_param.text',
  scalar: 'error.bad_param.text',
  flag: 'error.bad_param.flag',
  textList: 'error.bad_param.list',
  list: 'error.bad_param.list',
  object: 'error.bad_param.object',
};

/** A refused parameter in the user's language, from the refusal's details. */
export function paramText(p: Param, tr: Translator = t): string {
  const vars = {
    name: p.name,
    min: p.min ?? '',
    max: p.max ?? '',
    choices: (p.choices ?? []).join(', '),
    maxLength: p.maxLength ?? '',
    maxItems: p.maxItems ?? '',
  };
  const byProblem = p.problem === 'type' || p.problem === 'range' ? (p.type ? TYPE_KEY[p.type] : undefined) : (`error.bad_param.${p.problem}` as const);
  return byProblem && byProblem in messages.en ? tr(byProblem, vars) : tr('error.bad_param.missing', vars);
}

/** The translated text of a refusal, or null when the server's own message is the best there is. */
export function refusalText({ status, code, needed, retryAfterSeconds, reason, param, values }: Refusal, tr: Translator = t): string | null {
  if (code === 'bad_param' && param) return paramText(param, tr);
  const vars = { ...values, seconds: Math.max(1, Math.ceil(retryAfterSeconds ?? 0)), min: PASSWORD_MIN_LENGTH };
  // The most precise wording there is: code and reason, then the code alone.
  for (const key of [`error.${code}.${reason}`, `error.${code}`]) if (code && key in messages.en) return tr(key as MessageKey, vars);
  if (status === 403 && needed && needed !== 'public') return tr('access.error.needsRole', { role: tr(`role.${needed}`) });
  if (status === 401) return tr('access.error.signIn');
  if (status === 429) return retryAfterSeconds ? tr('access.error.wait', vars) : tr('access.error.tooMany');
  return null;
}
