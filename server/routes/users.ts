import type { Router } from 'express';
import type { UserList, UserRow } from '../../contract/auth.ts';
import { createUser, listUsers, setUserPassword, updateUser } from '../auth/users.ts';
import { whoOf } from '../audit/audit.ts';
import type { RouteDeps } from './guardedRouter.ts';
import { handle } from './http.ts';
import { jsonBody } from './params.ts';

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
      const body = jsonBody(req.body);
      const row = await createUser(ctx, whoOf(req), { name: body.name, role: body.role, password: body.password });
      res.status(201);
      return row satisfies UserRow;
    }),
  );
  r.put(
    '/users/:name',
    handle(async (req) => {
      const body = jsonBody(req.body);
      return (await updateUser(ctx, whoOf(req), String(req.params.name), { role: body.role, disabled: body.disabled })) satisfies UserRow;
    }),
  );
  r.post(
    '/users/:name/password',
    handle(async (req) => (await setUserPassword(ctx, whoOf(req), String(req.params.name), jsonBody(req.body).password)) satisfies UserRow),
  );
  return r;
}
