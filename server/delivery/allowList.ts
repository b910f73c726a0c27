/**
 * DELIVERY_ALLOW: where the product may send anything (webhooks, the SMTP
 * server, e-mail recipients). Pure: parsing and matching only; resolving a
 * name is the caller's business (server/delivery/destination.ts).
 *
 * Entries, comma-separated: a host name (`hooks.example.com`), a suffix
 * (`*.example.com`: any name under it, not the name itself), an IP address
 * (v4 or v6) or a CIDR block (`10.0.0.0/8`, `fd00::/8`). Ports are never part
 * of a match; names are compared lowercase without a trailing dot.
 */
import { isIP } from 'node:net';

export type AllowEntry = { kind: 'host'; host: string } | { kind: 'suffix'; suffix: string } | { kind: 'cidr'; bytes: Uint8Array; bits: number; text: string };

export interface AllowList {
  entries: AllowEntry[];
  /** The setting as given, or the default's description. */
  text: string;
  /** True when DELIVERY_ALLOW was unset: loopback only. */
  isDefault: boolean;
}

/** Loopback only: what the product may reach when nobody said otherwise. */
export const DEFAULT_ALLOW = 'localhost,127.0.0.0/8,::1';

const NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Lowercase, without brackets around an IPv6 literal and without a trailing dot. */
export function normalHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function v4Bytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map(Number));
}

function v6Bytes(ip: string): Uint8Array {
  let text = ip.split('%')[0];
  const tail: number[] = [];
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail.push(...v4Bytes(v4[1]));
    text = text.slice(0, -v4[1].length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const left = groups(head);
  const right = groups(rest);
  const missing = 8 - tail.length / 2 - left.length - right.length;
  const all = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    const n = Number.parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  out.set(tail, 16 - tail.length);
  return out;
}

/**
 * An address as 16 bytes (IPv4 as ::ffff:a.b.c.d, so a v4 block also matches
 * the v4-mapped v6 form of its addresses), or undefined for a name.
 */
export function ipBytes(host: string): Uint8Array | undefined {
  const h = normalHost(host);
  const v = isIP(h.split('%')[0]);
  if (v === 4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4Bytes(h)]);
  if (v === 6) return v6Bytes(h);
  return undefined;
}

function inBlock(addr: Uint8Array, block: { bytes: Uint8Array; bits: number }): boolean {
  const full = Math.floor(block.bits / 8);
  for (let i = 0; i < full; i++) if (addr[i] !== block.bytes[i]) return false;
  const rest = block.bits % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (addr[full] & mask) === (block.bytes[full] & mask);
}

function parseEntry(raw: string): AllowEntry {
  const text = raw.trim().toLowerCase();
  const slash = text.indexOf('/');
  if (slash >= 0 || isIP(normalHost(text)) !== 0) {
    const addr = slash >= 0 ? text.slice(0, slash) : normalHost(text);
    const version = isIP(addr);
    if (version === 0) throw new Error(`"${raw}" is not an IP address or CIDR block`);
    const max = version === 4 ? 32 : 128;
    const bitsText = slash >= 0 ? text.slice(slash + 1) : String(max);
    const bits = Number(bitsText);
    if (!/^\d{1,3}$/.test(bitsText) || bits > max) throw new Error(`"${raw}": the prefix length must be 0 to ${max}`);
    // A v4 block lives at ::ffff:0:0/96 in the 16-byte form.
    return { kind: 'cidr', bytes: ipBytes(addr)!, bits: version === 4 ? 96 + bits : bits, text };
  }
  const host = normalHost(text);
  if (host.startsWith('*.')) {
    const suffix = host.slice(2);
    if (!NAME.test(suffix) || !suffix.includes('.')) throw new Error(`"${raw}": a wildcard names a domain, such as *.example.com`);
    return { kind: 'suffix', suffix };
  }
  if (!NAME.test(host)) throw new Error(`"${raw}" is not a host name, *.domain, IP address or CIDR block`);
  return { kind: 'host', host };
}

/** Parses DELIVERY_ALLOW; unset or blank is the loopback-only default. Throws with the bad entry named. */
export function parseAllowList(raw: string | undefined): AllowList {
  const isDefault = !raw?.trim();
  const text = isDefault ? DEFAULT_ALLOW : raw!.trim();
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseEntry);
  return { entries, text, isDefault };
}

/** True when the list has address blocks, so a name's resolved addresses can decide. */
export const hasCidrs = (list: AllowList) => list.entries.some((e) => e.kind === 'cidr');

/** A host (name or address literal) allowed as written. */
export function allowsHost(list: AllowList, host: string): boolean {
  const h = normalHost(host);
  const addr = ipBytes(h);
  return list.entries.some((e) => {
    if (e.kind === 'cidr') return addr !== undefined && inBlock(addr, e);
    if (addr) return false;
    return e.kind === 'host' ? e.host === h : h.endsWith(`.${e.suffix}`);
  });
}

/** Every address falls in a CIDR entry (none given: false), for names the list does not name. */
export function allowsAddresses(list: AllowList, addresses: readonly string[]): boolean {
  if (addresses.length === 0) return false;
  return addresses.every((a) => {
    const bytes = ipBytes(a);
    return bytes !== undefined && list.entries.some((e) => e.kind === 'cidr' && inBlock(bytes, e));
  });
}

/** The host of a URL as matched (userinfo and port dropped), or undefined when it is not a URL. */
export function urlHost(url: string): string | undefined {
  try {
    const h = normalHost(new URL(url).hostname);
    return h || undefined;
  } catch {
    return undefined;
  }
}

/** The domain of an e-mail address (after the last @), as matched. */
export function mailDomain(address: string): string {
  return normalHost(address.slice(address.lastIndexOf('@') + 1));
}

/** The refusal every caller shows. */
export const NOT_ALLOWED = 'destination not allowed by DELIVERY_ALLOW';
