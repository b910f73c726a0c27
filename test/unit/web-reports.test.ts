import { describe, expect, it } from 'vitest';
import { en, zh } from '../../web/src/lib/messages/index.ts';
import { blankForm, deliveryWarning, draftOf, formOf, summariseDeliveries } from '../../web/src/lib/reportForm.ts';
import type { Delivery } from '../../contract/delivery.ts';
import type { ReportSchedule } from '../../contract/reports.ts';

const schedule: ReportSchedule = {
  scheduleId: 'weekly',
  version: 3,
  name: 'Weekly',
  texts: { zh: { name: '每周' } },
  cron: '0 8 * * 1',
  tz: 'Asia/Shanghai',
  period: 'week',
  langs: ['en', 'zh'],
  emails: ['a@example.com', 'b@example.com'],
  webhooks: ['https://hooks.example.com/r'],
  topN: 20,
  sections: ['stage_mix'],
  enabled: true,
  includePlayerIds: true,
  archived: false,
  source: 'default',
  author: 'system',
  savedAt: '',
  createdAt: '',
};

describe('schedule form', () => {
  it('round-trips a schedule through the form text fields', () => {
    const f = formOf(schedule);
    expect(f.emails).toBe('a@example.com\nb@example.com');
    expect(f.names).toEqual({ en: '', zh: '每周' });
    expect(draftOf(f)).toEqual({
      name: 'Weekly',
      texts: { zh: { name: '每周' } },
      cron: '0 8 * * 1',
      tz: 'Asia/Shanghai',
      period: 'week',
      langs: ['en', 'zh'],
      emails: schedule.emails,
      webhooks: schedule.webhooks,
      topN: 20,
      sections: ['stage_mix'],
      enabled: true,
      includePlayerIds: true,
    });
    expect(blankForm('UTC', ['stage_mix']).includePlayerIds).toBe(false);
  });

  it('splits recipients on lines and commas, and leaves a non-number top N for the server to name', () => {
    const f = { ...blankForm('UTC', ['stage_mix', 'retention']), emails: ' a@x.io, b@x.io\n\n c@x.io ', topN: '2O' };
    const d = draftOf(f);
    expect(d.emails).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
    expect(d.topN).toBe('2O');
    expect(d.sections).toEqual(['stage_mix', 'retention']);
    expect(draftOf({ ...f, topN: ' 15 ' }).topN).toBe(15);
    expect(draftOf({ ...f, names: { en: ' ', zh: ' 周报 ' } }).texts).toEqual({ zh: { name: '周报' } });
  });
});

describe('delivery summary', () => {
  const a = (deliveryId: string, attempt: number, status: 'ok' | 'failed', error = ''): Delivery => ({
    deliveryId,
    channel: deliveryId.startsWith('w') ? 'webhook' : 'email',
    target: `t-${deliveryId}`,
    attempt,
    startedAt: '',
    durationMs: 1,
    status,
    httpStatus: 0,
    error,
  });

  it('groups attempts per delivery and keeps the last outcome', () => {
    expect(
      summariseDeliveries([a('w1', 1, 'failed', 'HTTP 503'), a('w1', 2, 'ok'), a('e1', 1, 'failed', '451 later'), a('e1', 2, 'failed', '451 again')]),
    ).toEqual([
      { channel: 'webhook', target: 't-w1', ok: true, attempts: 2, error: '' },
      { channel: 'email', target: 't-e1', ok: false, attempts: 2, error: '451 again' },
    ]);
    expect(summariseDeliveries([])).toEqual([]);
  });
});

describe('report messages', () => {
  it('has every Reports string in both languages, and the nav entry', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('reports.') || k === 'nav.reports');
    expect(keys.length).toBeGreaterThan(60);
    for (const k of keys) expect((zh as Record<string, string>)[k], k).toBeTruthy();
    expect(zh['nav.reports' as keyof typeof zh]).toBe('报告');
  });
});

describe('deliveryWarning', () => {
  it('warns when a schedule reaches nobody, or sends e-mail without an SMTP server, and is quiet otherwise', () => {
    expect(deliveryWarning({ emails: [], webhooks: [] }, true)).toBe('reports.warn.noRecipients');
    expect(deliveryWarning({ emails: ['a@example.com'], webhooks: [] }, false)).toBe('reports.warn.noSmtp');
    // Webhooks still deliver, but the e-mails of the same schedule would fail.
    expect(deliveryWarning({ emails: ['a@example.com'], webhooks: ['https://hooks.example.com/r'] }, false)).toBe('reports.warn.noSmtp');
    expect(deliveryWarning({ emails: [], webhooks: ['https://hooks.example.com/r'] }, false)).toBeNull();
    expect(deliveryWarning({ emails: ['a@example.com'], webhooks: [] }, true)).toBeNull();
    for (const key of ['reports.warn.noRecipients', 'reports.warn.noSmtp'] as const) {
      expect(en[key]).toBeTruthy();
      expect(zh[key]).toBeTruthy();
    }
  });
});
