// Requests and responses of /api/reports/*: report schedules, their runs and the files they wrote.
import type { LocalTexts } from './texts.ts';
import type { Day, ErrorBody } from './common.ts';
import type { Delivery } from './delivery.ts';
import type { ReportLang } from './enums.ts';

export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** The report's sections, in the order they appear. */
export const REPORT_SECTIONS = ['stage_mix', 'decline_movers', 'at_risk', 'retention', 'offers', 'data_health'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SCHEDULE_SOURCES = ['dashboard', 'config', 'default'] as const;
export type ScheduleSource = (typeof SCHEDULE_SOURCES)[number];

export const RUN_TRIGGERS = ['schedule', 'catch_up', 'manual', 'cli'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export type RunState = 'running' | 'done' | 'failed';

/** Inclusive game days; a window is identified by its last day. */
export interface ReportWindow {
  from: Day;
  to: Day;
}

/** What a report is built with, recorded with each run. */
export interface ReportOptions {
  lang: ReportLang;
  /** How many players the player lists show (movers into decline, at-risk high value). */
  topN: number;
  /** Sections to include, in REPORT_SECTIONS order. */
  sections: ReportSection[];
}

/** What the schedule form edits and the API validates. */
/** The CSV files of a report run that list players by id: player-level exports (analyst and up), never delivered unless the schedule says so. */
export const PLAYER_ID_FILES: ReadonlySet<string> = new Set(['decline_movers.csv', 'at_risk.csv']);

export interface ScheduleDraft {
  name: string;
  /** The name in the dashboard's languages (contract/texts.ts); the Reports page shows the user's. */
  texts: LocalTexts<'name'>;
  cron: string;
  tz: string;
  period: ReportPeriod;
  langs: ReportLang[];
  emails: string[];
  webhooks: string[];
  topN: number;
  sections: ReportSection[];
  enabled: boolean;
  /**
   * Whether delivered reports (e-mail, webhook) carry player ids: the player
   * lists and their CSV files. Default false: lists are reduced to counts and
   * sums, with a line saying the ids are in the dashboard.
   */
  includePlayerIds: boolean;
}

export interface ReportSchedule extends ScheduleDraft {
  scheduleId: string;
  version: number;
  archived: boolean;
  source: ScheduleSource;
  author: string;
  savedAt: string;
  /** When the first version was saved: catch-up never reaches back further. */
  createdAt: string;
}

/** GET /api/reports/schedules query: archived=true lists the archived schedules too. */
export interface SchedulesQuery {
  archived?: 'true';
}

/** GET /api/reports/schedules */
export interface ReportSchedules {
  schedules: ReportSchedule[];
  /** By schedule id: its next run (ISO instant) within a year, null when it is disabled, archived or has none. */
  nextRuns: Record<string, string | null>;
  choices: { periods: readonly ReportPeriod[]; langs: readonly ReportLang[]; sections: readonly ReportSection[]; maxTopN: number };
  defaults: { tz: string; weekStart: 1 | 7 };
  /** Whether SMTP_URL is set (e-mail recipients get nothing without it). */
  smtp: boolean;
}

/** POST /api/reports/schedules and PUT .../:id body: the draft's fields (checked field by field) and whether it is archived. */
export type ScheduleInput = Partial<ScheduleDraft> & { archived?: boolean };

/** POST and PUT answer: the current version, and whether this request stored it (an unchanged schedule is not saved again). */
export interface ScheduleSaved {
  schedule: ReportSchedule;
  saved: boolean;
}

/** Why a schedule field is refused; the dashboard words each code with its values in the user's language. */
export type ScheduleErrorCode =
  | 'required'
  | 'text'
  | 'too_long'
  | 'cron_fields'
  | 'cron_invalid'
  | 'cron_unsupported'
  | 'time_zone'
  | 'unknown'
  | 'list'
  | 'too_many'
  | 'empty'
  | 'email'
  | 'url'
  | 'whole_range'
  | 'boolean'
  | 'texts_object'
  | 'schedule_id'
  | 'not_allowed';

/** One refused field: a code with its values, and `message`, the English wording (logs, API clients). */
export interface FieldError {
  field: string;
  code: ScheduleErrorCode;
  values: Record<string, string | number>;
  message: string;
}

/** The 400 answer of a save: one message per bad field. */
export interface ScheduleInvalid extends ErrorBody {
  errors: FieldError[];
}

/** POST /api/reports/schedules/:id/run body. */
export interface RunNowBody {
  /** A day inside the period to report. */
  window: Day;
  /** Default: every language of the schedule. */
  lang?: ReportLang;
  /** false: write the files only. */
  deliver?: boolean;
  trigger?: 'cli';
}

export interface RunFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** POST /api/reports/schedules/:id/run */
export interface RunNowAnswer {
  scheduleId: string;
  window: ReportWindow;
  runs: { runId: string; lang: ReportLang; state: 'done' | 'failed'; error: string; outputDir: string; files: RunFile[] }[];
}

/** GET /api/reports/runs/:id, and each run of the list. */
export interface ReportRun {
  runId: string;
  scheduleId: string;
  scheduleVersion: number;
  windowFrom: Day;
  windowTo: Day;
  lang: ReportLang;
  trigger: RunTrigger;
  firedAt: string | null;
  options: ReportOptions;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  error: string;
  outputDir: string;
  files: RunFile[];
  deliveries: Delivery[];
}

/** GET /api/reports/runs query. */
export interface RunsQuery {
  schedule?: string;
  limit?: string;
  offset?: string;
}

/** GET /api/reports/runs */
export interface ReportRuns {
  total: number;
  limit: number;
  offset: number;
  runs: ReportRun[];
}
