import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { THRESHOLDS, validateRules, type Rules } from '../lifecycle/rules.ts';
import { backtestRules, restoreVersion, saveRules } from '../lifecycle/settings.ts';
import { configVersion, listConfigVersions } from '../queries/settings/configVersions.ts';
import { previewMoves } from '../queries/settings/previewMoves.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { handle } from './http.ts';
import { bodyText, parseDay } from './params.ts';
import { invalid, notFound } from '../domainError.ts';

type Body = Record<string, unknown>;

function rulesOf(body: Body): { rules: Rules; errors: { field: string; message: string }[] } {
  const raw = body.rules;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('body must hold "rules": {threshold: value, ...}');
  return validateRules(raw as Record<string, unknown>);
}

function version(raw: string | string[] | undefined): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw invalid(`a version is a whole number from 1, got "${raw}"`);
  return v;
}

export function settingsRoutes({ db }: Deps): Router {
  const r = Router();
  r.get(
    '/settings/lifecycle',
    handle(async () => {
      const [active, versions] = await Promise.all([configVersion(db, 0), listConfigVersions(db)]);
      return { active, versions, thresholds: THRESHOLDS };
    }),
  );
  r.get(
    '/settings/lifecycle/versions/:v',
    handle(async (req) => {
      const v = version(req.params.v);
      const found = await configVersion(db, v);
      if (!found || found.version !== v) throw notFound(`no version ${v} of the stage rules`);
      return found;
    }),
  );
  r.post(
    '/settings/lifecycle/preview',
    handle(async (req) => {
      const body = (req.body ?? {}) as Body;
      const { rules, errors } = rulesOf(body);
      const asOf = typeof body.asOf === 'string' && body.asOf ? parseDay(body.asOf, 'asOf') : (await dataDays(db)).maxDay;
      if (errors.length || !asOf) return { asOf, valid: errors.length === 0, errors, moves: [] };
      return { asOf, valid: true, errors, moves: await previewMoves(db, asOf, rules) };
    }),
  );
  r.post(
    '/settings/lifecycle/backtest',
    handle(async (req) => {
      const body = (req.body ?? {}) as Body;
      const day = typeof body.day === 'string' && body.day ? parseDay(body.day, 'day') : undefined;
      const draft = body.rules === undefined ? undefined : rulesOf(body);
      if (draft?.errors.length) throw invalid(draft.errors.map((e) => e.message).join('; '));
      return backtestRules(db, day, draft?.rules);
    }),
  );
  r.post(
    '/settings/lifecycle',
    handle(async (req) => {
      const body = (req.body ?? {}) as Body;
      const { rules, errors } = rulesOf(body);
      if (errors.length) throw invalid(`the rules are not valid: ${errors.map((e) => e.message).join('; ')}`);
      return saveRules(db, rules, { author: bodyText(body, 'author', 64, true), note: bodyText(body, 'note', 500, false) });
    }),
  );
  r.post(
    '/settings/lifecycle/versions/:v/restore',
    handle(async (req) => restoreVersion(db, version(req.params.v), bodyText((req.body ?? {}) as Body, 'author', 64, true))),
  );
  return r;
}
