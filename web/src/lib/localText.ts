// A catalog record's field (an offer's name or reward, a schedule's name) in the user's language (contract/texts.ts).
import { localWord, type LocalTexts } from '../../../contract/texts.ts';
import { lang } from './i18n.ts';

export const localText = <F extends string>(o: Partial<Record<F, string>> & { texts?: LocalTexts<F> }, field: F): string => localWord(o, field, lang());
