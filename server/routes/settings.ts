import type { Router } from 'express';
import type { Backtest, LifecycleSettings, RulesPreview, RulesRecompute, RulesVersionWithRules, SavedRules } from '../../contract/settings.ts';
import { auditor } from '../audit/audited.ts';
import { invalid } from '../domainError.ts';
import { validateRules } from '../lifecycle/rules.ts';
import { rulesRecompute } from '../lifecycle/rulesRecompute.ts';
import { backtestRules, lifecycleSettings, previewRules, restoreVersion, rulesVersion, saveRules } from '../lifecycle/settings.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function settingsRoutes(deps: RouteDeps): Router {
  const { db, log } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  const activeRules = async () => (await lifecycleSettings(db)).active.rules;
  const rulesOfVersion = async (v: number) => (await rulesVersion(db, v)).rules;
  r.get(
    '/settings/lifecycle',
    handle(async () => (await lifecycleSettings(db)) satisfies LifecycleSettings),
  );
  r.get(
    '/settings/lifecycle/recompute',
    handle(async () => (await rulesRecompute(db).view()) satisfies RulesRecompute),
  );
  r.get(
    '/settings/lifecycle/versions/:v',
    handle(async (req) => (await rulesVersion(db, inputOf(req, 'GET /api/settings/lifecycle/versions/:v').path.v)) satisfies RulesVersionWithRules),
  );
  r.post(
    '/settings/lifecycle/preview',
    handle(async (req) => {
      const { rules, asOf } = inputOf(req, 'POST /api/settings/lifecycle/preview').body;
      return (await previewRules(db, validateRules(rules), asOf)) satisfies RulesPreview;
    }),
  );
  r.post(
    '/settings/lifecycle/backtest',
    handle(async (req) => {
      const { rules, day } = inputOf(req, 'POST /api/settings/lifecycle/backtest').body;
      const draft = rules === undefined ? undefined : validateRules(rules);
      if (draft?.errors.length) throw invalid(draft.errors.map((e) => e.message).join('; '));
      return (await backtestRules(db, day, draft?.rules)) satisfies Backtest;
    }),
  );
  r.post(
    '/settings/lifecycle',
    // 202: the version is saved (pending); its recompute runs in the background (GET .../recompute).
    handle(async (req, res) => {
      const body = inputOf(req, 'POST /api/settings/lifecycle').body;
      const { rules, errors } = validateRules(body.rules);
      if (errors.length) throw invalid(`the rules are not valid: ${errors.map((e) => e.message).join('; ')}`);
      const meta = { author: body.author, note: body.note ?? '' };
      const entry = { action: 'rules.save', before: activeRules, after: () => rules, target: (s: SavedRules) => `rules:v${s.version}` };
      const saved = await audited.change(req, entry, () => saveRules(db, log, rules, meta));
      res.status(202);
      return saved satisfies SavedRules;
    }),
  );
  r.post(
    '/settings/lifecycle/versions/:v/restore',
    handle(async (req, res) => {
      const { path, body } = inputOf(req, 'POST /api/settings/lifecycle/versions/:v/restore');
      const v = path.v;
      const author = body.author;
      const entry = {
        action: 'rules.restore',
        before: activeRules,
        after: () => rulesOfVersion(v),
        detail: () => ({ restoredFrom: v }),
        target: (s: SavedRules) => `rules:v${s.version}`,
      };
      const saved = await audited.change(req, entry, () => restoreVersion(db, log, v, author));
      res.status(202);
      return saved satisfies SavedRules;
    }),
  );
  return r;
}
