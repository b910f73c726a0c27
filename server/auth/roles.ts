import { ROLES, type Access, type Role } from '../../contract/auth.ts';

/** True when `role` has every right of `needed` (roles are ordered: each includes the ones before it). */
export function allows(role: Role | undefined, needed: Access): boolean {
  if (needed === 'public') return true;
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
