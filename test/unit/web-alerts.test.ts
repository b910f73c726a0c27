import { describe, expect, it } from 'vitest';
import { ALERT_PARAMS, ALERT_RULES, type AlertFigures, type AlertSettingsError } from '../../contract/alerts.ts';
import { defaultAlertSettings } from '../../server/alerts/settings.ts';
import { loadConfig } from '../../server/config.ts';
import { alertText, checkText, type AlertContext } from '../../web/src/alerts/alertText.ts';
import { bodyOf, draftOf, errorsByField, paramLabel } from '../../web/src/alerts/rulesForm.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { type Lang, type MessageKey, messages, translate } from '../../web/src/lib/i18n.ts';

const ctx = (lang: Lang): AlertContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang), tz: 'Asia/Shanghai', currency: 'USD' });
const figures = (f: Partial<AlertFigures>): AlertFigures => ({ day: null, observed: null, expected: null, low: null, high: null, detail: {}, ...f });

describe('alerts in words', () => {
  it('words every rule from its figures, money exactly and shares as percentages', () => {
    const band = { day: '2026-02-16', observed: '20', expected: '30', low: '27', high: '33', detail: { weeks: 6, mad: '0.0000' } };
    expect(alertText('dau_below_band', figures(band), ctx('en'))).toBe(
      'Daily active players on Feb 16, 2026: 20, expected 27 – 33 (median 30 of the same weekday over 6 weeks).',
    );
    expect(alertText('revenue_below_band', figures({ ...band, observed: '30', expected: '52.5', low: '47.25', high: '57.75' }), ctx('en'))).toBe(
      'Revenue on Feb 16, 2026: $30.00, expected $47.25 – $57.75 (median $52.50 of the same weekday over 6 weeks).',
    );
    expect(alertText('quarantine_share_jump', figures({ observed: '30', expected: '0.5', high: '5.5' }), ctx('en'))).toBe(
      'Quarantined share of the latest files: 30%, against 0.5% before (limit 5.5%).',
    );
    expect(alertText('decline_rise', figures({ day: '2026-02-16', observed: '33.3333', expected: '0' }), ctx('zh'))).toBe(
      '2026年2月16日 退化期占活跃玩家的 33.3%，前一天为 0%。',
    );
    expect(alertText('no_new_file', figures({ observed: '25.0123', high: '6', detail: { lastFileAt: '2026-02-16T00:00:00.000Z' } }), ctx('en'))).toBe(
      'No new file for 25 hours (limit 6 h); the last file was loaded Feb 16, 2026, 08:00:00.',
    );
  });

  it('says why a check could not judge: too little history, and how much there is', () => {
    const few = figures({ day: '2026-02-16', observed: '0', detail: { weeks: 3, minWeeks: 4 } });
    expect(checkText('dau_below_band', 'no_history', few, ctx('en'))).toBe(
      'Too little history for a baseline: 3 of the 4 weeks needed. No alert until there is.',
    );
    expect(checkText('revenue_below_band', 'no_history', few, ctx('zh'))).toBe('历史数据不足以建立基线：需要 4 周，现有 3 周。在此之前不会告警。');
    expect(checkText('quarantine_share_jump', 'no_history', figures({ observed: '1.5' }), ctx('en'))).toBe(
      'No earlier files to compare the quarantined share (1.5%) with.',
    );
    expect(checkText('decline_rise', 'no_data', figures({}), ctx('en'))).toBe('');
    expect(checkText('no_new_file', 'disabled', figures({}), ctx('en'))).toBe('');
  });
});

describe('the alert rules form', () => {
  const cfg = loadConfig({ DATA_DIR: '/tmp/unused' } as NodeJS.ProcessEnv, '/tmp');
  const settings = defaultAlertSettings(cfg);

  it('labels every setting of every rule in both languages', () => {
    for (const rule of ALERT_RULES)
      for (const p of ALERT_PARAMS[rule]) {
        expect(messages.en[`alerts.param.${p.name}` as MessageKey], p.name).toBeTruthy();
        expect(messages.zh[`alerts.param.${p.name}` as MessageKey], p.name).toMatch(/\p{Script=Han}/u);
        expect(paramLabel(p.name, ctx('zh').t)).toBe(messages.zh[`alerts.param.${p.name}` as MessageKey]);
      }
  });

  it('round-trips the settings, sends numbers as numbers and recipients one per line', () => {
    const draft = draftOf(settings);
    expect(bodyOf(draft, 0)).toEqual({
      rules: Object.fromEntries(ALERT_RULES.map((r) => [r, settings.rules[r]])),
      notify: { webhooks: [], emails: [], lang: 'en' },
      baseVersion: 0,
    });
    draft.rules.dau_below_band.params.k = '2.5';
    draft.rules.no_new_file.params.hours = 'twelve';
    draft.webhooks = ' http://127.0.0.1:9/a \n\nhttp://127.0.0.1:9/b';
    const body = bodyOf(draft, 3);
    expect(body.rules?.dau_below_band?.params?.k).toBe(2.5);
    // not a number: sent as typed, for the server to refuse under its field
    expect(body.rules?.no_new_file?.params?.hours).toBe('twelve');
    expect(body.notify?.webhooks).toEqual(['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']);
  });

  it("words the server's refusals under their fields, naming a recipient's line", () => {
    const errors: AlertSettingsError[] = [
      { field: 'dau_below_band.k', code: 'range', vars: { min: 0.5, max: 20 }, message: '' },
      { field: 'notify.emails.1', code: 'email', vars: {}, message: '' },
    ];
    expect(errorsByField(errors, ctx('en').t)).toEqual({
      'dau_below_band.k': 'Must be between 0.5 and 20.',
      'notify.emails': 'Line 2: Must be an e-mail address.',
    });
    expect(errorsByField(errors, ctx('zh').t)['notify.emails']).toBe('第 2 行：必须是电子邮件地址。');
  });
});
