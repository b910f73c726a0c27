// Role-aware controls: what the signed-in role may call, from the permission table the session answer carries
// (Me.access), so the UI hides or disables exactly what the server would refuse, and says which role it needs.
import type { Role } from '../../../contract/auth.ts';
import { roleNeeded, roleShort, type Guarded } from './guarded.ts';
import { t } from './i18n.ts';
import { me } from './session.svelte.ts';

export type { Guarded };

/** The least role `route` needs when the signed-in role is below it, else null. */
export const needed = (route: Guarded): Role | null => roleNeeded(me(), route);

export const can = (route: Guarded): boolean => needed(route) === null;

const reason = (role: Role | null) => (role ? t('access.needs', { role: t(`role.${role}`) }) : '');

/** "Needs the designer role" in the user's language, or '' when the role may call `route`. */
export const whyNot = (route: Guarded): string => reason(needed(route));

/** For a rule inside one route (a report run's player-id files need an analyst): whether the signed-in role is at least `role`. */
export const hasRole = (role: Role): boolean => roleShort(me(), role) === null;

export const whyNotRole = (role: Role): string => reason(roleShort(me(), role));
