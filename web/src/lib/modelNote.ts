// A model note ({code, values} from the server) in the user's language; the server's English message for a
// note this build does not know or a run recorded before notes existed. Pure, for tests.
import type { ModelNote } from '../../../contract/models.ts';
import { formatter } from './format.ts';
import { lang, messages, translate, type Lang, type MessageKey, type Vars } from './i18n.ts';

function valuesOf(note: ModelNote, language: Lang): Vars {
  const v = note.values;
  const fmt = formatter(language);
  switch (note.code) {
    case 'runs_off':
      return { ...v, to: v.to === 'infinity' ? translate(language, 'models.note.infinity') : v.to };
    case 'fit_unusable':
      return { ...v, status: translate(language, `models.fitStatus.${v.status}` as MessageKey) };
    case 'scored':
    case 'too_few_players':
    case 'too_few_repeat_payers':
    case 'cohort_too_small':
      return { ...v, players: fmt.int(Number(v.players)), min: fmt.int(Number(v.min)) };
    case 'too_few_repeaters':
      return { ...v, repeaters: fmt.int(Number(v.repeaters)), min: fmt.int(Number(v.min)) };
    case 'no_players':
    case 'no_payers':
      return { ...v, asOf: fmt.day(String(v.asOf)) };
    default:
      return v;
  }
}

export function modelNoteText(note: ModelNote | null | undefined, message: string, language: Lang = lang()): string {
  if (!note) return message;
  const key = `models.note.${note.code}`;
  if (!(key in messages.en)) return message;
  const own = translate(language, key as MessageKey, valuesOf(note, language));
  return note.cause ? `${own}${language === 'zh' ? '：' : ': '}${modelNoteText(note.cause, '', language)}` : own;
}
