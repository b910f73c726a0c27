/**
 * The checks every delivery makes before it connects anywhere: a webhook URL,
 * the SMTP server, an e-mail recipient against DELIVERY_ALLOW.
 *
 * A host is allowed when the list allows it as written (name, suffix,
 * address). A name the list does not name is also allowed when the list has
 * CIDR blocks and every address the name resolves to falls in one, so
 * `10.0.0.0/8` admits `hooks.internal` that points there. The lookup happens
 * right before the connection; a name re-pointed in between (DNS rebinding)
 * is outside what a list of names can stop: list names you trust.
 * E-mail recipients are matched by their domain as written, never resolved:
 * the connection goes to the SMTP server, which is checked itself.
 */
import { lookup } from 'node:dns/promises';
import { type AllowList, allowsAddresses, allowsHost, hasCidrs, ipBytes, mailDomain, NOT_ALLOWED, urlHost } from './allowList.ts';

export type Resolve = (host: string) => Promise<string[]>;

const resolveAll: Resolve = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** Undefined when the host may be reached, else the reason. */
export async function hostRefusal(list: AllowList, host: string, resolve: Resolve = resolveAll): Promise<string | undefined> {
  if (allowsHost(list, host)) return undefined;
  if (ipBytes(host) || !hasCidrs(list)) return `${NOT_ALLOWED}: ${host}`;
  const addresses = await resolve(host).catch(() => [] as string[]);
  return allowsAddresses(list, addresses) ? undefined : `${NOT_ALLOWED}: ${host}`;
}

/** Undefined when the URL's host may be reached, else the reason (a URL without a host is refused too). */
export async function urlRefusal(list: AllowList, url: string, resolve?: Resolve): Promise<string | undefined> {
  const host = urlHost(url);
  return host ? hostRefusal(list, host, resolve) : `${NOT_ALLOWED}: not a URL`;
}

/** Recipients are matched by domain as written (see above). */
export function recipientRefusal(list: AllowList, address: string): string | undefined {
  return allowsHost(list, mailDomain(address)) ? undefined : `${NOT_ALLOWED}: ${mailDomain(address)}`;
}
