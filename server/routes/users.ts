import type { Router } from 'express';
import type { UserList, UserRow } from '../../contract/auth.ts';
import { createUser, listUsers, setUserPassword, updateUser } from '../auth/users.ts';
import { whoOf } from '../audit/audit.ts';
import type { RouteDeps } from './guardedRouter.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';

export function userRoutes({ db, accounts, router }: RouteDeps): Router {
  const r = router();
  const ctx = { db, sessions: accounts.sessions };
  r.get(
    '/users',
    handle(async () => ({ users: await listUsers(db) }) satisfies UserList),
  );
  r.post(
    '/users',
    handle(async (req, res) => {
      const row = await createUser(ctx, whoOf(req), inputOf(req, 'POST /api/users').body);
      res.status(201);
      return row satisfies UserRow;
    }),
  );
  r.put(
    '/users/:name',
    handle(async (req) => {
      const { path, body } = inputOf(req, 'PUT /api/users/:name');
      return (await updateUser(ctx, whoOf(req), path.name, body)) satisfies UserRow;
    }),
  );
  r.post(
    '/users/:name/password',
    handle(async (req) => {
      const { path, body } = inputOf(req, 'POST /api/users/:name/password');
      return (await setUserPassword(ctx, whoOf(req), path.name, body.password)) satisfies UserRow;
    }),
  );
  return r;
}
