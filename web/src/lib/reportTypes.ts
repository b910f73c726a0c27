// Shapes of the /api/reports JSON answers (scheduled churn reports).
import type { Delivery } from './deliveryTypes.ts';
import type { Day } from './types.ts';

export type ReportPeriod = 'day' | 'week' | 'month';
export type ReportLang = 'en' | 'zh';
export type RunState = 'running' | 'done' | 'failed';

/** What the schedule form edits and the API validates. */
export interface ReportScheduleDraft {
  name: string;
  cron: string;
  tz: string;
  period: ReportPeriod;
  langs: ReportLang[];
  emails: string[];
  webhooks: string[];
  topN: number;
  sections: string[];
  enabled: boolean;
}

export interface ReportSchedule extends ReportScheduleDraft {
  scheduleId: string;
  version: number;
  archived: boolean;
  source: 'dashboard' | 'config' | 'default';
  author: string;
  savedAt: string;
  createdAt: string;
}

export interface ReportSchedules {
  schedules: ReportSchedule[];
  choices: { periods: ReportPeriod[]; langs: ReportLang[]; sections: string[]; maxTopN: number };
  defaults: { tz: string; weekStart: 1 | 7 };
  /** Whether SMTP_URL is set (e-mail recipients get nothing without it). */
  smtp: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

/** A save either stores a version or answers with one message per bad field. */
export type ScheduleSaveResult = { ok: true; schedule: ReportSchedule; saved: boolean } | { ok: false; error: string; errors: FieldError[] };

export interface ReportRunFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface ReportRun {
  runId: string;
  scheduleId: string;
  scheduleVersion: number;
  windowFrom: Day;
  windowTo: Day;
  lang: ReportLang;
  trigger: 'schedule' | 'catch_up' | 'manual' | 'cli';
  firedAt: string | null;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  error: string;
  files: ReportRunFile[];
  deliveries: Delivery[];
}

export interface ReportRuns {
  total: number;
  limit: number;
  offset: number;
  runs: ReportRun[];
}

export interface RunNowAnswer {
  scheduleId: string;
  window: { from: Day; to: Day };
  runs: { runId: string; lang: ReportLang; state: RunState; error: string }[];
}
