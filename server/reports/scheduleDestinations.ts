/** A schedule's recipients against DELIVERY_ALLOW, as field errors of the save (dashboard saves are refused; configured ones are logged at start). */
import type { FieldError, ScheduleDraft } from '../../contract/reports.ts';
import { mailDomain, urlHost, type AllowList } from '../delivery/allowList.ts';
import { recipientRefusal, urlRefusal } from '../delivery/destination.ts';
import { shownUrl } from '../delivery/shownUrl.ts';
import { refuse } from './schedule.ts';

export async function destinationErrors(list: AllowList, draft: Pick<ScheduleDraft, 'emails' | 'webhooks'>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const badMail = draft.emails.find((e) => recipientRefusal(list, e));
  if (badMail !== undefined)
    refuse(errors, 'emails', 'not_allowed', { value: badMail, host: mailDomain(badMail) }, `"${badMail}": ${recipientRefusal(list, badMail)}`);
  for (const url of draft.webhooks) {
    const refused = await urlRefusal(list, url);
    if (refused) {
      refuse(errors, 'webhooks', 'not_allowed', { value: shownUrl(url), host: urlHost(url) ?? '' }, `"${shownUrl(url)}": ${refused}`);
      break;
    }
  }
  return errors;
}
