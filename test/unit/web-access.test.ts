import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../server/routes/permissions.ts';
import { GUARDED, roleNeeded } from '../../web/src/lib/guarded.ts';
import { translate, type Lang, type Translator } from '../../web/src/lib/i18n.ts';
import { refusalText } from '../../web/src/lib/refusal.ts';

const tr =
  (lang: Lang): Translator =>
  (key, vars) =>
    translate(lang, key, vars);

// The accounts routes (users, tokens) arrive with the accounts work; until their entries are in the table the
// web treats them as admin-only. Every other control's route must be in the server's permission table.
const ACCOUNTS_ROUTES = new Set(['GET /api/users']);

describe('role-aware controls', () => {
  it('name routes of the server permission table', () => {
    const missing = GUARDED.filter((key) => !(key in PERMISSIONS) && !ACCOUNTS_ROUTES.has(key));
    expect(missing).toEqual([]);
    for (const key of GUARDED) if (key in PERMISSIONS) expect(PERMISSIONS[key as keyof typeof PERMISSIONS]).not.toBe('public');
  });

  it('need the role of the table when the signed-in role is below it', () => {
    const access = { ...PERMISSIONS };
    expect(roleNeeded({ role: 'viewer', access }, 'POST /api/offers/:id/launch')).toBe('operator');
    expect(roleNeeded({ role: 'designer', access }, 'POST /api/offers/:id/launch')).toBe('operator');
    expect(roleNeeded({ role: 'operator', access }, 'POST /api/offers/:id/launch')).toBeNull();
    expect(roleNeeded({ role: 'admin', access }, 'POST /api/offers/:id/launch')).toBeNull();
    expect(roleNeeded({ role: 'viewer', access }, 'GET /api/players/:id')).toBe('analyst');
    expect(roleNeeded({ role: 'analyst', access }, 'GET /api/players/:id')).toBeNull();
    expect(roleNeeded(null, 'POST /api/offers')).toBeNull();
  });

  it('treat a route the table does not name as admin-only', () => {
    expect(roleNeeded({ role: 'operator', access: {} }, 'GET /api/users')).toBe('admin');
    expect(roleNeeded({ role: 'admin', access: {} }, 'GET /api/users')).toBeNull();
  });
});

describe('refusals in the user language', () => {
  it('word a 403 by the role it needs', () => {
    expect(refusalText({ status: 403, needed: 'operator' }, tr('en'))).toBe('You need the operator role for this.');
    expect(refusalText({ status: 403, needed: 'operator' }, tr('zh'))).toBe('此操作需要操作员角色。');
  });

  it('word a refusal with the values its code names, such as a launch refused for an offer and a day', () => {
    const r = { status: 400, code: 'launch_empty_audience', values: { offer: 'vip-boost', asOf: '2026-03-31' } };
    expect(refusalText(r, tr('en'))).toBe('Offer “vip-boost” has nobody in its audience on 2026-03-31: nothing to launch.');
    expect(refusalText(r, tr('zh'))).toBe('方案“vip-boost”在 2026-03-31 没有覆盖任何玩家：无可投放。');
    expect(refusalText({ status: 409, code: 'launched_already', values: { offer: 'a', asOf: '2026-03-01' } }, tr('zh'))).toBe(
      '方案“a”已在 2026-03-01 投放过。',
    );
  });

  it('word a 401 and a 429 with its wait', () => {
    expect(refusalText({ status: 401 }, tr('en'))).toBe('Sign in first: your session has ended.');
    expect(refusalText({ status: 429, retryAfterSeconds: 29.2 }, tr('en'))).toBe('Too many attempts. Try again in 30 seconds.');
    expect(refusalText({ status: 429, retryAfterSeconds: 30 }, tr('zh'))).toBe('尝试次数过多，请在 30 秒后再试。');
    expect(refusalText({ status: 429 }, tr('en'))).toBe('Too many attempts. Wait a moment and try again.');
  });

  it('word a refused parameter from its details, in both languages', () => {
    const day = { name: 'to', in: 'query', problem: 'range', type: 'day', min: '1970-01-01', max: '2027-12-04' } as const;
    expect(refusalText({ status: 400, code: 'bad_param', param: day }, tr('en'))).toBe('to must be a date (YYYY-MM-DD) from 1970-01-01 to 2027-12-04.');
    expect(refusalText({ status: 400, code: 'bad_param', param: day }, tr('zh'))).toBe('参数 to 必须是 1970-01-01 至 2027-12-04 之间的日期（YYYY-MM-DD）。');
    const choice = { name: 'sort', in: 'query', problem: 'choice', type: 'choice', choices: ['roi', 'net'] } as const;
    expect(refusalText({ status: 400, code: 'bad_param', param: choice }, tr('zh'))).toBe('参数 sort 必须是以下之一：roi, net。');
    const long = { name: 'note', in: 'body', problem: 'length', type: 'text', maxLength: 500 } as const;
    expect(refusalText({ status: 400, code: 'bad_param', param: long }, tr('en'))).toBe('note may be at most 500 characters long.');
    const flag = { name: 'webhook', in: 'body', problem: 'type', type: 'flag' } as const;
    expect(refusalText({ status: 400, code: 'bad_param', param: flag }, tr('zh'))).toBe('参数 webhook 必须是 true 或 false。');
    // Neither wording carries the English hint of a pattern (the server's own message does).
    const pattern = { name: 'server', in: 'query', problem: 'pattern', type: 'text', hint: 'letters, digits, _ . : -' } as const;
    expect(refusalText({ status: 400, code: 'bad_param', param: pattern }, tr('en'))).toBe('server holds characters that are not allowed.');
    expect(refusalText({ status: 400, code: 'bad_param', param: pattern }, tr('zh'))).toBe('参数 server 含有不允许的字符。');
  });

  it('translate a known code and leave other errors to the server message', () => {
    expect(refusalText({ status: 403, code: 'csrf' }, tr('zh'))).toBe('此页面的安全令牌已过期，请刷新页面后重试。');
    expect(refusalText({ status: 403, code: 'something_new' }, tr('en'))).toBeNull();
    expect(refusalText({ status: 400 }, tr('en'))).toBeNull();
    expect(refusalText({ status: 400, code: 'password_policy', reason: 'common' }, tr('zh'))).toBe('此密码是最常见的密码之一，请换一个。');
    expect(refusalText({ status: 400, code: 'password_policy', reason: 'too_short' }, tr('en'))).toBe('The password needs at least 12 characters.');
    expect(refusalText({ status: 400, code: 'password_policy', reason: 'a-new-rule' }, tr('en'))).toBe(
      'This password is refused: it needs at least 12 characters and must not be one of the most common passwords.',
    );
  });
});
