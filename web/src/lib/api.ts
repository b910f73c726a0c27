// The only module that talks to the server. Every function rejects with ApiError on a non-2xx answer.
import type { Alert, AlertList, AlertSettings, AlertSettingsError, AlertSettingsSave } from '../../../contract/alerts.ts';
import type { AuditPage, AuditQuery, AuditVerify } from '../../../contract/audit.ts';
import type {
  Access,
  Me,
  NewUserRequest,
  PasswordChange,
  RefusalBody,
  SignInLinkRequest,
  SignInRequest,
  TokenCreated,
  TokenList,
  TokenRow,
  UserChange,
  UserList,
  UserRow,
} from '../../../contract/auth.ts';
import type { Health, Meta } from '../../../contract/health.ts';
import type { Preparation } from '../../../contract/preparing.ts';
import { lang } from './i18n.ts';
import { refusalText } from './refusal.ts';
import type { IngestStatus } from '../../../contract/ingest.ts';
import type { FlowOrder, FlowPlayers, Transitions } from '../../../contract/lifecycle.ts';
import type { Overview, RangeQuery, StageTrend } from '../../../contract/overview.ts';
import type { ParamRefusal } from '../../../contract/params.ts';
import type { PlayerEvents, PlayerProfile, PlayerSearch } from '../../../contract/players.ts';
import type { CohortQuery, LtvTriangle, Retention, RetentionFilters } from '../../../contract/retention.ts';
import type {
  Backtest,
  BacktestRequest,
  LifecycleSettings,
  RestoreRulesRequest,
  RulesPreview,
  RulesPreviewRequest,
  RulesRecompute,
  RulesVersionWithRules,
  SavedRules,
  SaveRulesRequest,
} from '../../../contract/settings.ts';
import type { ValueList, ValueListName, ValueListSort, ValueSummary } from '../../../contract/value.ts';
import type { ReportLang } from '../../../contract/enums.ts';
import type { CohortProjections, CohortsQuery, FitAnswer, FitRequest, ModelsStatus, SegmentClvs, TrustAnswer, TrustQuery } from '../../../contract/models.ts';
import type {
  FieldError,
  ReportRuns,
  ReportSchedules,
  RunNowAnswer,
  RunNowBody,
  RunsQuery,
  ScheduleInvalid,
  ScheduleSaved,
  SchedulesQuery,
} from '../../../contract/reports.ts';
import type { ErasureRefusal, ErasureRequest, ErasureResult } from '../../../contract/erasure.ts';
import type { ComradePairs, RescueDecision, RescueList, RescueSort, ServerPlans, WinbackChoices, WinbackChoicesSave } from '../../../contract/winback.ts';
import type { LaunchAnswer, LaunchDetail, LaunchGroup, LaunchList, LaunchRequestBody, Uplift } from '../../../contract/launches.ts';
import type {
  AudienceSort,
  OfferArchive,
  OfferAudience,
  OfferDraft,
  OfferList,
  OfferSave,
  OfferVersion,
  OfferWithVersions,
  Proposals,
  ProposalSort,
  WhatIf,
  WhatIfBody,
} from '../../../contract/offers.ts';

export class ApiError extends Error {
  readonly status: number;
  /** Names the case for translation when the server gives one. */
  readonly code?: string;
  /** 403: the least role the route needs. */
  readonly needed?: Access;
  /** 429: how long to wait before trying again. */
  readonly retryAfterSeconds?: number;
  /** Which rule of the code was broken (e.g. a password's). */
  readonly reason?: string;
  /** code bad_param: the refused parameter and what it allows. */
  readonly param?: ParamRefusal['param'];
  /** The values the code's wording names. */
  readonly values?: Record<string, string | number>;
  constructor(message: string, status: number, details: Omit<RefusalBody, 'error' | 'code'> & { code?: string; param?: ParamRefusal['param'] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = details.code;
    this.needed = details.needed;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.reason = details.reason;
    this.param = details.param;
    this.values = details.values;
  }
}

/** Builds "/api/x?a=1", leaving out empty parameters so the server applies its defaults. */
export function apiUrl(path: string, params: Partial<Record<string, string>> = {}): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) qs.set(key, value);
  const query = qs.toString();
  return `/api/${path}${query ? `?${query}` : ''}`;
}

// The signed-in session's CSRF token (null for API tokens) and who hears of a 401; set by session.svelte.ts.
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function useCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request of a signed-in user answers 401 (session expired, revoked or forged). */
export function whenUnauthorized(listener: () => void): void {
  onUnauthorized = listener;
}

interface Call {
  params?: Partial<Record<string, string>>;
  body?: object;
  signal?: AbortSignal;
  /** The sign-in calls: their 401 is a wrong password, not a lost session. */
  signingIn?: boolean;
}

/** Every request goes through here: state-changing ones carry the session's CSRF token. */
function send(method: string, path: string, { params, body, signal }: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return fetch(apiUrl(path, params), { method, signal, headers, body: body ? JSON.stringify(body) : undefined });
}

async function call<T>(method: string, path: string, options: Call = {}): Promise<T> {
  return answer<T>(path, await send(method, path, options), options.signingIn);
}

async function getJson<T>(path: string, params?: Partial<Record<string, string>>, signal?: AbortSignal): Promise<T> {
  return call<T>('GET', path, { params, signal });
}

async function postJson<T>(path: string, body: object, signal?: AbortSignal): Promise<T> {
  return call<T>('POST', path, { body, signal });
}

/** The refused parameter of a bad_param answer, when its details have the expected shape. */
function paramOf(body: unknown): ParamRefusal['param'] | undefined {
  const p = (body as Partial<ParamRefusal> | undefined)?.param;
  return typeof p === 'object' && p !== null && typeof p.name === 'string' && typeof p.problem === 'string' ? p : undefined;
}

/** The values a refusal's code names, when they are plain text and numbers. */
function valuesOf(body: unknown): Record<string, string | number> | undefined {
  const v = (body as { values?: unknown } | undefined)?.values;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  return Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number') ? (v as Record<string, string | number>) : undefined;
}

async function answer<T>(path: string, res: Response, signingIn = false): Promise<T> {
  // A proxy or crash page may answer with HTML, so the body is parsed defensively.
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const b = typeof body === 'object' && body !== null ? (body as Partial<RefusalBody>) : {};
    const message = typeof b.error === 'string' ? b.error : `${res.status} ${res.statusText}`.trim();
    if (res.status === 401 && !signingIn) onUnauthorized();
    throw new ApiError(message, res.status, {
      code: typeof b.code === 'string' ? b.code : undefined,
      needed: typeof b.needed === 'string' ? b.needed : undefined,
      retryAfterSeconds: typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : undefined,
      reason: typeof b.reason === 'string' ? b.reason : undefined,
      param: paramOf(body),
      values: valuesOf(body),
    });
  }
  if (body === undefined && res.status !== 204) throw new ApiError(`/api/${path} did not return JSON`, res.status);
  return body as T;
}

export const getHealth = (signal?: AbortSignal) => getJson<Health>('health', undefined, signal);

export const getMeta = (signal?: AbortSignal) => getJson<Meta>('meta', undefined, signal);

export const getPreparing = (signal?: AbortSignal) => getJson<Preparation>('preparing', undefined, signal);

export const getOverview = (q: Partial<RangeQuery>, signal?: AbortSignal) => getJson<Overview>('overview', { ...q }, signal);

export const getStageTrend = (q: Partial<RangeQuery>, signal?: AbortSignal) => getJson<StageTrend>('stages/trend', { ...q }, signal);

export const getIngestStatus = (signal?: AbortSignal) => getJson<IngestStatus>('ingest/status', undefined, signal);

export const getAlerts = (signal?: AbortSignal) => getJson<AlertList>('alerts', undefined, signal);

export const acknowledgeAlert = (id: string) => postJson<Alert>(`alerts/${encodeURIComponent(id)}/ack`, {});

export const getAlertRules = (signal?: AbortSignal) => getJson<AlertSettings>('alerts/rules', undefined, signal);

/** A 400 that names bad fields comes back as them (for the form); any other refusal throws. */
export async function saveAlertRules(body: AlertSettingsSave): Promise<{ ok: true; settings: AlertSettings } | { ok: false; errors: AlertSettingsError[] }> {
  const res = await send('PUT', 'alerts/rules', { body });
  const refused =
    res.status === 400
      ? ((await res
          .clone()
          .json()
          .catch(() => ({}))) as { errors?: AlertSettingsError[] })
      : {};
  if (Array.isArray(refused.errors)) return { ok: false, errors: refused.errors };
  return { ok: true, settings: await answer<AlertSettings>('alerts/rules', res) };
}

export const getTransitions = (q: Partial<RangeQuery>, signal?: AbortSignal) => getJson<Transitions>('lifecycle/transitions', { ...q }, signal);

export const getFlowPlayers = (q: Partial<RangeQuery> & { fromStage: string; toStage: string; order?: FlowOrder; offset?: string }, signal?: AbortSignal) =>
  getJson<FlowPlayers>('lifecycle/flow', { ...q }, signal);

export const getRetention = (q: Partial<CohortQuery>, signal?: AbortSignal) => getJson<Retention>('retention', { ...q }, signal);

export const getLtv = (q: Partial<CohortQuery>, signal?: AbortSignal) => getJson<LtvTriangle>('retention/ltv', { ...q }, signal);

export const getRetentionFilters = (signal?: AbortSignal) => getJson<RetentionFilters>('retention/filters', undefined, signal);

/** Download link of a list as CSV: the page's filters, and headers in the user's language. */
export const csvUrl = (path: string, params: Partial<Record<string, string>> = {}) => apiUrl(path, { ...params, lang: lang() });

/** Download link of the retention matrix as CSV, for the same query. */
export const retentionCsvUrl = (q: Partial<CohortQuery>) => csvUrl('retention.csv', { ...q });

export const searchPlayers = (q: string, signal?: AbortSignal) => getJson<PlayerSearch>('players', { q }, signal);

export const getPlayer = (id: string, signal?: AbortSignal) => getJson<PlayerProfile>(`players/${encodeURIComponent(id)}`, undefined, signal);

export const getPlayerEvents = (id: string, offset: number, signal?: AbortSignal) =>
  getJson<PlayerEvents>(`players/${encodeURIComponent(id)}/events`, { offset: String(offset) }, signal);

export const getValue = (q: { asOf?: string; server?: string }, signal?: AbortSignal) => getJson<ValueSummary>('value', q, signal);

export const getValueList = (name: ValueListName, q: { asOf?: string; server?: string; offset?: string; sort?: ValueListSort }, signal?: AbortSignal) =>
  getJson<ValueList>(`value/lists/${name}`, q, signal);

export const getModels = (signal?: AbortSignal) => getJson<ModelsStatus>('models', undefined, signal);

/** Fits and scores both kinds; the server answers 409 while another refresh runs. */
export const fitModels = (body: FitRequest = {}) => postJson<FitAnswer>('models/fit', body);

export const getTrust = (q: TrustQuery, signal?: AbortSignal) => getJson<TrustAnswer>('models/trust', { ...q }, signal);

export const getSegmentClvs = (signal?: AbortSignal) => getJson<SegmentClvs>('models/segments', undefined, signal);

export const getCohortProjections = (q: CohortsQuery, signal?: AbortSignal) => getJson<CohortProjections>('models/cohorts', { ...q }, signal);

export const getLifecycleSettings = (signal?: AbortSignal) => getJson<LifecycleSettings>('settings/lifecycle', undefined, signal);

export const getRulesRecompute = (signal?: AbortSignal) => getJson<RulesRecompute>('settings/lifecycle/recompute', undefined, signal);

export const getRulesVersion = (version: number, signal?: AbortSignal) =>
  getJson<RulesVersionWithRules>(`settings/lifecycle/versions/${version}`, undefined, signal);

export const previewRules = (rules: Record<string, string>, signal?: AbortSignal) =>
  postJson<RulesPreview>('settings/lifecycle/preview', { rules } satisfies RulesPreviewRequest, signal);

export const backtestRules = (rules: Record<string, string>, day: string, signal?: AbortSignal) =>
  postJson<Backtest>('settings/lifecycle/backtest', { rules, day } satisfies BacktestRequest, signal);

export const saveRules = (rules: Record<string, string>, author: string, note: string) =>
  postJson<SavedRules>('settings/lifecycle', { rules, author, note } satisfies SaveRulesRequest);

export const restoreRules = (version: number, author: string) =>
  postJson<SavedRules>(`settings/lifecycle/versions/${version}/restore`, { author } satisfies RestoreRulesRequest);

export const launchOffer = (offerId: string, body: LaunchRequestBody) => postJson<LaunchAnswer>(`offers/${encodeURIComponent(offerId)}/launch`, body);

export const getLaunches = (signal?: AbortSignal) => getJson<LaunchList>('launches', undefined, signal);

export const getLaunch = (id: string, signal?: AbortSignal) => getJson<LaunchDetail>(`launches/${encodeURIComponent(id)}`, undefined, signal);

export const getUplift = (id: string, signal?: AbortSignal) => getJson<Uplift>(`launches/${encodeURIComponent(id)}/uplift`, undefined, signal);

/** Download link of a launch's frozen audience; group '' = both groups with a group column. */
export const launchCsvUrl = (id: string, group: '' | LaunchGroup = '') => csvUrl(`launches/${encodeURIComponent(id)}/audience.csv`, { group });

export const getRescue = (q: { asOf?: string; decision?: '' | RescueDecision; sort?: RescueSort; offset?: string }, signal?: AbortSignal) =>
  getJson<RescueList>('winback/rescue', q, signal);

export const getServerPlans = (q: { asOf?: string }, signal?: AbortSignal) => getJson<ServerPlans>('winback/servers', q, signal);

export const getComrades = (q: { asOf?: string; offset?: string }, signal?: AbortSignal) => getJson<ComradePairs>('winback/comrades', q, signal);

/** Which catalog offers price the rescue decision and the new-server planner (version 0: the seeded defaults). */
export const getWinbackChoices = (signal?: AbortSignal) => getJson<WinbackChoices>('winback/choices', undefined, signal);

export const saveWinbackChoices = (body: WinbackChoicesSave) => call<WinbackChoices>('PUT', 'winback/choices', { body });

export const getOffers = (archived: boolean, signal?: AbortSignal) => getJson<OfferList>('offers', { archived: archived ? '1' : '' }, signal);

export const getOffer = (id: string, signal?: AbortSignal) => getJson<OfferWithVersions>(`offers/${encodeURIComponent(id)}`, undefined, signal);

export const getProposals = (q: { asOf?: string; sort?: ProposalSort; stage?: string }, signal?: AbortSignal) =>
  getJson<Proposals>('offers/proposals', q, signal);

/** Validates and prices an unsaved definition; invalid drafts answer 200 with their field errors. */
export const whatIfOffer = (offer: OfferDraft, asOf: string, signal?: AbortSignal) =>
  postJson<WhatIf>('offers/what-if', { offer, asOf } satisfies WhatIfBody, signal);

export const createOffer = (body: OfferSave) => postJson<OfferVersion>('offers', body);

export const saveOffer = (body: OfferSave) => call<OfferVersion>('PUT', `offers/${encodeURIComponent(body.offer.offerId)}`, { body });

export const archiveOffer = (id: string, archived: boolean, author: string) =>
  postJson<OfferVersion>(`offers/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`, { author } satisfies OfferArchive);

export const getOfferAudience = (id: string, q: { asOf?: string; sort?: AudienceSort; offset?: string; limit?: string }, signal?: AbortSignal) =>
  getJson<OfferAudience>(`offers/${encodeURIComponent(id)}/audience`, q, signal);

export const getReportSchedules = (archived: boolean, signal?: AbortSignal) =>
  getJson<ReportSchedules>('reports/schedules', archived ? ({ archived: 'true' } satisfies SchedulesQuery) : undefined, signal);

/** A save either stores a version or answers with one message per bad field. */
export type ScheduleSaveResult = ({ ok: true } & ScheduleSaved) | { ok: false; error: string; errors: FieldError[] };

/** Saves a new schedule (no id) or a new version of one; a 400 comes back as its field errors instead of throwing. */
export async function saveReportSchedule(id: string | null, body: object): Promise<ScheduleSaveResult> {
  const path = id ? `reports/schedules/${encodeURIComponent(id)}` : 'reports/schedules';
  const res = await send(id ? 'PUT' : 'POST', path, { body });
  if (res.status === 400) {
    const b = (await res.json().catch(() => ({}))) as Partial<ScheduleInvalid>;
    return { ok: false, error: b.error ?? 'invalid schedule', errors: b.errors ?? [] };
  }
  return { ok: true, ...(await answer<ScheduleSaved>(path, res)) };
}

export const runReportNow = (id: string, window: string, lang: '' | ReportLang) =>
  postJson<RunNowAnswer>(`reports/schedules/${encodeURIComponent(id)}/run`, { window, lang: lang || undefined } satisfies RunNowBody);

export const getReportRuns = (q: RunsQuery, signal?: AbortSignal) => getJson<ReportRuns>('reports/runs', { ...q }, signal);

/** A stored report file: the HTML page opens in the browser, CSV and JSON download. */
export const reportFileUrl = (runId: string, name: string) => apiUrl(`reports/runs/${encodeURIComponent(runId)}/${encodeURIComponent(name)}`);

/** The audit trail, newest first (admin). */
export const getAudit = (q: AuditQuery, signal?: AbortSignal) => getJson<AuditPage>('audit', { ...q }, signal);

/** Download link of the audit entries matching the same filters. */
export const auditCsvUrl = (q: AuditQuery) => csvUrl('audit.csv', { ...q, limit: undefined, offset: undefined });

export const verifyAudit = (signal?: AbortSignal) => getJson<AuditVerify>('audit/verify', undefined, signal);

export type ErasureAnswer = ({ ok: true } & ErasureResult) | ({ ok: false } & ErasureRefusal);

/** Erases players (admin); a 400 (malformed or empty list: nothing erased) comes back with the bad ids instead of throwing. */
export async function erasePlayers(players: string[]): Promise<ErasureAnswer> {
  const res = await send('POST', 'erasure', { body: { players } satisfies ErasureRequest });
  if (res.status === 400) {
    const b = (await res.json().catch(() => ({}))) as Partial<ErasureRefusal>;
    return { ok: false, error: b.error ?? 'invalid list', code: b.code ?? 'erasure_bad_ids', bad: b.bad ?? [] };
  }
  return { ok: true, ...(await answer<ErasureResult>('erasure', res)) };
}

// Session, users and API tokens (contract/auth.ts).

export const getSession = (signal?: AbortSignal) => call<Me>('GET', 'session', { signal, signingIn: true });

export const signIn = (user: string, password: string) => call<Me>('POST', 'session', { body: { user, password } satisfies SignInRequest, signingIn: true });

/** Signs in with the one-time link `npm start` prints on loopback. */
export const signInWithLink = (token: string) => call<Me>('POST', 'session/link', { body: { token } satisfies SignInLinkRequest, signingIn: true });

/** 204: no body. */
export const signOut = () => call<void>('DELETE', 'session', { signingIn: true });

/** Answers the new session (the change ends the others); a wrong current password answers 401 without ending this one. */
export const changePassword = (current: string, password: string) =>
  call<Me>('POST', 'session/password', { body: { current, password } satisfies PasswordChange, signingIn: true });

export const getUsers = (signal?: AbortSignal) => getJson<UserList>('users', undefined, signal);

export const createUser = (body: NewUserRequest) => postJson<UserRow>('users', body);

export const changeUser = (name: string, body: UserChange) => call<UserRow>('PUT', `users/${encodeURIComponent(name)}`, { body });

export const resetPassword = (name: string, password: string) =>
  postJson<UserRow>(`users/${encodeURIComponent(name)}/password`, { password } satisfies Pick<PasswordChange, 'password'>);

export const getTokens = (signal?: AbortSignal) => getJson<TokenList>('tokens', undefined, signal);

export const createToken = (body: Pick<TokenRow, 'name' | 'role'>) => postJson<TokenCreated>('tokens', body);

export const revokeToken = (name: string) => call<TokenRow>('DELETE', `tokens/${encodeURIComponent(name)}`);

/** What to show for a failed call: refusals (401, 403, 429) and known codes in the user's language, other errors as the server wrote them. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return refusalText(err) ?? err.message;
  return err instanceof Error ? err.message : String(err);
}
