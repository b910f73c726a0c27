import type { Router } from 'express';
import type { Day } from '../../contract/common.ts';
import type { Backtest, LifecycleSettings, RuleError, Rules, RulesPreview, RulesVersionWithRules, SavedRules } from '../../contract/settings.ts';
import { auditor } from '../audit/audited.ts';
import { invalid } from '../domainError.ts';
import { validateRules } from '../lifecycle/rules.ts';
import { backtestRules, lifecycleSettings, previewRules, restoreVersion, rulesVersion, saveRules } from '../lifecycle/settings.ts';
import { handle } from './http.ts';
import { bodyText, parseDay } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

type Body = Record<string, unknown>;

function rulesOf(body: Body): { rules: Rules; errors: RuleError[] } {
  const raw = body.rules;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('body must hold "rules": {threshold: value, ...}');
  return validateRules(raw as Record<string, unknown>);
}

function version(raw: string | string[] | undefined): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw invalid(`a version is a whole number from 1, got "${raw}"`);
  return v;
}

/** An optional day of a JSON body: absent or empty means the server's default. */
function bodyDay(body: Body, name: string): Day | undefined {
  const v = body[name];
  return typeof v === 'string' && v ? parseDay(v, name) : undefined;
}

export function settingsRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  const activeRules = async () => (await lifecycleSettings(db)).active.rules;
  const rulesOfVersion = async (v: number) => (await rulesVersion(db, v)).rules;
  r.get(
    '/settings/lifecycle',
    handle(async () => (await lifecycleSettings(db)) satisfies LifecycleSettings),
  );
  r.get(
    '/settings/lifecycle/versions/:v',
    handle(async (req) => (await rulesVersion(db, version(req.params.v))) satisfies RulesVersionWithRules),
  );
  r.post(
    '/settings/lifecycle/preview',
    handle(async (req) => {
      const body = (req.body ?? {}) as Body;
      const draft = rulesOf(body);
      return (await previewRules(db, draft, bodyDay(body, 'asOf'))) satisfies RulesPreview;
    }),
  );
  r.post(
    '/settings/lifecycle/backtest',
    handle(async (req) => {
      const body = (req.body ?? {}) as Body;
      const day = bodyDay(body, 'day');
      const draft = body.rules === undefined ? undefined : rulesOf(body);
      if (draft?.errors.length) throw invalid(draft.errors.map((e) => e.message).join('; '));
      return (await backtestRules(db, day, draft?.rules)) satisfies Backtest;
    }),
  );
  r.post(
    '/settings/lifecycle',
    handle(async (req) => {
      const body = (req.body ?? {}) as Body;
      const { rules, errors } = rulesOf(body);
      if (errors.length) throw invalid(`the rules are not valid: ${errors.map((e) => e.message).join('; ')}`);
      const meta = { author: bodyText(body, 'author', 64, true), note: bodyText(body, 'note', 500, false) };
      const entry = { action: 'rules.save', before: activeRules, after: () => rules, target: (s: SavedRules) => `rules:v${s.version}` };
      return (await audited.change(req, entry, () => saveRules(db, rules, meta))) satisfies SavedRules;
    }),
  );
  r.post(
    '/settings/lifecycle/versions/:v/restore',
    handle(async (req) => {
      const v = version(req.params.v);
      const author = bodyText((req.body ?? {}) as Body, 'author', 64, true);
      const entry = {
        action: 'rules.restore',
        before: activeRules,
        after: () => rulesOfVersion(v),
        detail: () => ({ restoredFrom: v }),
        target: (s: SavedRules) => `rules:v${s.version}`,
      };
      const saved = await audited.change(req, entry, () => restoreVersion(db, v, author));
      return saved satisfies SavedRules;
    }),
  );
  return r;
}
