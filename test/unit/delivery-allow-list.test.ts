import { describe, expect, it } from 'vitest';
import { allowsAddresses, allowsHost, mailDomain, parseAllowList, urlHost } from '../../server/delivery/allowList.ts';
import { hostRefusal, recipientRefusal, urlRefusal } from '../../server/delivery/destination.ts';
import { shownUrl } from '../../server/delivery/shownUrl.ts';
import { loadConfig, ConfigError } from '../../server/config.ts';
import { allowListNotices } from '../../server/delivery/allowNotice.ts';
import type { ReportSchedule } from '../../contract/reports.ts';

const list = (raw?: string) => parseAllowList(raw);

describe('DELIVERY_ALLOW parsing', () => {
  it('defaults to loopback only when unset or blank', () => {
    for (const raw of [undefined, '', '  ']) {
      const l = list(raw);
      expect(l.isDefault).toBe(true);
      expect(['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', 'LOCALHOST.'].every((h) => allowsHost(l, h))).toBe(true);
      expect(['10.0.0.1', 'example.com', '::2', '0.0.0.0', '128.0.0.1'].some((h) => allowsHost(l, h))).toBe(false);
    }
  });

  it.each([
    ['hooks example.com', 'is not a host name'],
    ['10.0.0.0/33', 'prefix length must be 0 to 32'],
    ['fd00::/129', 'prefix length must be 0 to 128'],
    ['10.0.0.0/x', 'prefix length'],
    ['300.1.1.1/8', 'is not an IP address or CIDR block'],
    ['*.com', 'a wildcard names a domain'],
    ['*', 'is not a host name'],
  ])('refuses %s', (raw, message) => {
    expect(() => list(raw)).toThrow(message);
  });

  it('names the bad entry in the start-up error', () => {
    expect(() => loadConfig({ DELIVERY_ALLOW: 'ok.example.com, 10.0.0.0/40' } as NodeJS.ProcessEnv, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ DELIVERY_ALLOW: 'ok.example.com, 10.0.0.0/40' } as NodeJS.ProcessEnv, '/srv')).toThrow(/DELIVERY_ALLOW: "10.0.0.0\/40"/);
    expect(loadConfig({} as NodeJS.ProcessEnv, '/srv').deliveryAllow.isDefault).toBe(true);
  });
});

describe('matching hosts', () => {
  const l = list('Hooks.Example.com., *.mail.example.org, 10.1.0.0/16, 192.168.7.7, fd00:ab::/32, 2001:db8::1');

  it('matches names lowercase, without the trailing dot, exactly', () => {
    expect(allowsHost(l, 'hooks.example.com')).toBe(true);
    expect(allowsHost(l, 'HOOKS.EXAMPLE.COM.')).toBe(true);
    expect(allowsHost(l, 'evil-hooks.example.com')).toBe(false);
    expect(allowsHost(l, 'hooks.example.com.evil.io')).toBe(false);
    expect(allowsHost(l, 'example.com')).toBe(false);
  });

  it('matches a suffix for names under it, not the domain itself nor look-alikes', () => {
    expect(allowsHost(l, 'smtp.mail.example.org')).toBe(true);
    expect(allowsHost(l, 'a.b.mail.example.org')).toBe(true);
    expect(allowsHost(l, 'mail.example.org')).toBe(false);
    expect(allowsHost(l, 'evilmail.example.org')).toBe(false);
  });

  it('matches IPv4 blocks at their edges', () => {
    expect(allowsHost(l, '10.1.0.0')).toBe(true);
    expect(allowsHost(l, '10.1.255.255')).toBe(true);
    expect(allowsHost(l, '10.0.255.255')).toBe(false);
    expect(allowsHost(l, '10.2.0.0')).toBe(false);
    expect(allowsHost(l, '192.168.7.7')).toBe(true);
    expect(allowsHost(l, '192.168.7.8')).toBe(false);
  });

  it('matches odd prefix lengths bit by bit, /0 and /32', () => {
    const odd = list('172.16.0.0/12, 100.64.0.0/10');
    expect(allowsHost(odd, '172.31.255.255')).toBe(true);
    expect(allowsHost(odd, '172.32.0.0')).toBe(false);
    expect(allowsHost(odd, '172.15.255.255')).toBe(false);
    expect(allowsHost(odd, '100.127.0.1')).toBe(true);
    expect(allowsHost(odd, '100.128.0.1')).toBe(false);
    expect(allowsHost(list('0.0.0.0/0'), '203.0.113.9')).toBe(true);
    expect(allowsHost(list('0.0.0.0/0'), '2001:db8::1')).toBe(false);
    expect(allowsHost(list('203.0.113.9/32'), '203.0.113.9')).toBe(true);
    expect(allowsHost(list('203.0.113.9/32'), '203.0.113.10')).toBe(false);
  });

  it('matches IPv6 in every spelling, bracketed or not, and v4-mapped addresses against v4 blocks', () => {
    expect(allowsHost(l, 'fd00:ab:1::9')).toBe(true);
    expect(allowsHost(l, '[FD00:AB:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF]')).toBe(true);
    expect(allowsHost(l, 'fd00:ac::1')).toBe(false);
    expect(allowsHost(l, '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(allowsHost(l, '2001:db8::2')).toBe(false);
    expect(allowsHost(l, '::ffff:10.1.2.3')).toBe(true);
    expect(allowsHost(l, '[::ffff:a01:203]')).toBe(true);
    expect(allowsHost(l, '::ffff:10.2.2.3')).toBe(false);
    // A v6 address never matches a name entry, nor a v4 block unless it is v4-mapped.
    expect(allowsHost(l, '::10.1.2.3')).toBe(false);
  });

  it('never lets a name pass a CIDR entry by itself', () => {
    expect(allowsHost(l, '10.1.2.3.nip.io')).toBe(false);
  });
});

describe('URLs and e-mail addresses', () => {
  const l = list('hooks.example.com, 10.0.0.0/8, example.org');

  it('takes the host of a URL: port ignored, userinfo ignored, uppercase and trailing dots folded', () => {
    expect(urlHost('https://user:pa@ss@hooks.example.com:8443/x?y=1')).toBe('hooks.example.com');
    expect(urlHost('https://HOOKS.EXAMPLE.COM.:444/')).toBe('hooks.example.com');
    expect(urlHost('http://[::1]:8080/h')).toBe('::1');
    expect(urlHost('smtp://u:p@10.2.3.4:587')).toBe('10.2.3.4');
    expect(urlHost('not a url')).toBeUndefined();
  });

  it('is not fooled by userinfo that looks like an allowed host', async () => {
    expect(await urlRefusal(l, 'https://hooks.example.com@evil.io/x')).toMatch(/not allowed by DELIVERY_ALLOW: evil.io/);
    expect(await urlRefusal(l, 'https://hooks.example.com:1@evil.io/x')).toMatch(/evil.io/);
    expect(await urlRefusal(l, 'https://evil.io#@hooks.example.com/')).toMatch(/evil.io/);
    expect(await urlRefusal(l, 'https://u:p@HOOKS.example.com.:9/x')).toBeUndefined();
    expect(await urlRefusal(l, 'https://10.255.0.1/x')).toBeUndefined();
    expect(await urlRefusal(l, '::nonsense')).toMatch(/not a URL/);
  });

  it('matches a recipient by the domain after its last @, as written', () => {
    expect(mailDomain('"a@b"@Example.ORG.')).toBe('example.org');
    expect(recipientRefusal(l, 'ops@example.org')).toBeUndefined();
    expect(recipientRefusal(l, 'ops@EXAMPLE.org')).toBeUndefined();
    expect(recipientRefusal(l, 'ops@sub.example.org')).toMatch(/sub.example.org/);
    expect(recipientRefusal(l, 'ops@example.org.evil.io')).toMatch(/DELIVERY_ALLOW/);
  });
});

describe('names checked through their addresses', () => {
  const fakeDns = (table: Record<string, string[]>) => async (h: string) => {
    if (!table[h]) throw new Error('ENOTFOUND');
    return table[h];
  };
  const dns = fakeDns({ 'hooks.internal': ['10.4.5.6'], 'split.internal': ['10.4.5.6', '93.184.216.34'], 'v6.internal': ['fd00::7'] });

  it('admits a name the list does not name when every address is in a CIDR entry', async () => {
    const l = list('10.0.0.0/8, fd00::/8');
    expect(await hostRefusal(l, 'hooks.internal', dns)).toBeUndefined();
    expect(await hostRefusal(l, 'v6.internal', dns)).toBeUndefined();
    expect(await hostRefusal(l, 'split.internal', dns)).toMatch(/split.internal/);
    expect(await hostRefusal(l, 'nowhere.internal', dns)).toMatch(/nowhere.internal/);
    expect(allowsAddresses(l, [])).toBe(false);
  });

  it('does not resolve when the list has no CIDR entry, nor for address literals', async () => {
    let asked = 0;
    const counting = async (h: string) => {
      asked++;
      return dns(h);
    };
    expect(await hostRefusal(list('hooks.example.com'), 'hooks.internal', counting)).toMatch(/hooks.internal/);
    expect(await hostRefusal(list('10.0.0.0/8'), '11.0.0.1', counting)).toMatch(/11.0.0.1/);
    expect(asked).toBe(0);
  });
});

describe('URLs as stored and shown', () => {
  it('drops userinfo and query values, keeps host and path', () => {
    expect(shownUrl('https://bot:s3cret@hooks.example.com:8443/game/mail?token=abc&sig=1&sig=2#x')).toBe(
      'https://***@hooks.example.com:8443/game/mail?token=***&sig=***#x',
    );
    expect(shownUrl('http://127.0.0.1:9/hook')).toBe('http://127.0.0.1:9/hook');
    expect(shownUrl('not a url://u:p@h/x?k=v')).not.toMatch(/u:p|k=v/);
  });
});

describe('the start-up notice', () => {
  const schedule = (id: string, emails: string[], webhooks: string[], archived = false) =>
    ({ scheduleId: id, emails, webhooks, archived }) as unknown as ReportSchedule;

  it('names what the default (loopback only) will refuse, without URL secrets', async () => {
    const cfg = loadConfig(
      { OFFERS_WEBHOOK_URL: 'https://mail.game.invalid/send?token=abc', SMTP_URL: 'smtp://u:pw@127.0.0.1:25' } as NodeJS.ProcessEnv,
      '/srv',
    );
    const lines = await allowListNotices(cfg, [
      schedule('weekly', ['ops@studio.invalid', 'me@localhost'], ['http://127.0.0.1:9/h', 'https://hooks.invalid/r']),
      schedule('old', ['x@gone.invalid'], [], true),
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^delivery: DELIVERY_ALLOW is not set, so only loopback \(localhost,127\.0\.0\.0\/8,::1\) is allowed/);
    expect(lines[0]).toContain('OFFERS_WEBHOOK_URL https://mail.game.invalid/send?token=***');
    expect(lines[0]).toContain('report schedule weekly recipient ops@studio.invalid');
    expect(lines[0]).toContain('report schedule weekly webhook https://hooks.invalid/r');
    expect(lines[0]).not.toMatch(/abc|pw|me@localhost|127\.0\.0\.1:9|gone\.invalid|SMTP_URL/);
  });

  it('says nothing when every destination is allowed', async () => {
    const cfg = loadConfig({ OFFERS_WEBHOOK_URL: 'https://mail.game.invalid/send', DELIVERY_ALLOW: '*.game.invalid' } as NodeJS.ProcessEnv, '/srv');
    expect(await allowListNotices(cfg, [])).toEqual([]);
  });
});
