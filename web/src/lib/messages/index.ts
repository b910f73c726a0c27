// The one i18n table, merged from one file per feature so each page's strings sit together.
import admin from './admin.ts';
import alerts from './alerts.ts';
import auth from './auth.ts';
import audit from './audit.ts';
import core from './core.ts';
import erasure from './erasure.ts';
import launches from './launches.ts';
import lifecycle from './lifecycle.ts';
import metrics from './metrics.ts';
import models from './models.ts';
import modelNotes from './modelNotes.ts';
import offerErrors from './offerErrors.ts';
import offers from './offers.ts';
import params from './params.ts';
import players from './players.ts';
import preparing from './preparing.ts';
import reports from './reports.ts';
import scheduleErrors from './scheduleErrors.ts';
import retention from './retention.ts';
import settings from './settings.ts';
import value from './value.ts';
import winback from './winback.ts';

const features = [
  core,
  lifecycle,
  retention,
  value,
  models,
  modelNotes,
  players,
  settings,
  reports,
  scheduleErrors,
  launches,
  winback,
  offers,
  offerErrors,
  auth,
  admin,
  audit,
  erasure,
  params,
  preparing,
  metrics,
  alerts,
] as const;

// Distributes over the union of feature tables: every key of every feature.
type KeysOf<T> = T extends unknown ? keyof T : never;
export type MessageKey = KeysOf<(typeof features)[number]['en']>;

function merge(lang: 'en' | 'zh'): Record<MessageKey, string> {
  const out: Record<string, string> = {};
  for (const f of features) {
    for (const [k, v] of Object.entries(f[lang])) {
      if (k in out) throw new Error(`i18n key "${k}" is defined twice`);
      out[k] = v;
    }
  }
  return out as Record<MessageKey, string>;
}

export const en = merge('en');
export const zh = merge('zh');
