// Accounts, sessions, API tokens and roles (GET/POST /api/session, /api/users, /api/tokens).
import type { ErrorBody } from './common.ts';

/** Roles from least to most: each has every right of the ones before it. */
export const ROLES = ['viewer', 'analyst', 'designer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a route needs: nobody (`public`) or at least this role. */
export type Access = 'public' | Role;

/** How the caller proved who it is. `local`: a command-line tool on the server's own machine. */
export const ACTOR_KINDS = ['session', 'token', 'local'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** GET /api/session: who is signed in. */
export interface Me {
  user: string;
  role: Role;
  kind: ActorKind;
  /** Sent back in the X-CSRF-Token header on every state-changing request of a session; null for tokens. */
  csrfToken: string | null;
  /** The permission table: what each route ("METHOD /api/path") needs, so the UI can hide or disable what the role cannot use. */
  access: Record<string, Access>;
}

/** POST /api/session */
export interface SignInRequest {
  user: string;
  password: string;
}

/** Who set an account's password: the generated first-run password or a person. */
export const PASSWORD_SET_BY = ['generated', 'person'] as const;
export type PasswordSetBy = (typeof PASSWORD_SET_BY)[number];

/** GET /api/users: one row per account; never a password or its hash. */
export interface UserRow {
  name: string;
  role: Role;
  disabled: boolean;
  passwordSetBy: PasswordSetBy;
  createdAt: string;
  lastSignInAt: string | null;
}

/** GET /api/users */
export interface UserList {
  users: UserRow[];
}

/** POST /api/users */
export interface NewUserRequest {
  name: string;
  role: Role;
  password: string;
}

/** PUT /api/users/:name: either field or both; a change ends all of the user's sessions. */
export interface UserChange {
  role?: Role;
  disabled?: boolean;
}

/** POST /api/session/password: one's own; POST /api/users/:name/password (admin) sends only `password`. */
export interface PasswordChange {
  current: string;
  password: string;
}

/** POST /api/session/link: the one-time secret of a sign-in link (`/?signin=...`) printed at start on a loopback server. */
export interface SignInLinkRequest {
  token: string;
}

/** GET /api/tokens: one row per API token; never the token itself. */
export interface TokenRow {
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

/** GET /api/tokens */
export interface TokenList {
  tokens: TokenRow[];
}

/** POST /api/tokens: the token is shown in this answer only. */
export interface TokenCreated {
  name: string;
  role: Role;
  token: string;
}

/** The password policy, shown on the forms that set one (the server enforces it and refuses the most common passwords). */
export const PASSWORD_MIN_LENGTH = 12;

/** A refused request (401, 403, 429): a 403 names the least role the route needs, a 429 how long to wait. */
export interface RefusalBody extends ErrorBody {
  needed?: Access;
  retryAfterSeconds?: number;
  /** Which rule a refused value broke, within its code (code password_policy: too_short, too_long, user_name, common, missing). */
  reason?: string;
}
