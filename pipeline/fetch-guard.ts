// Fetch guard: a source is only fetched from its own host or the hosts the registry allows for it, and
// never from a loopback, link-local, private or metadata address (after DNS, in any notation), unless
// the source itself is local. Every check runs before the request it guards sends a byte.
import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Address ranges that are never fetched from (IPv4, then IPv6), with what they are. */
const RANGES: [network: string, prefix: number, kind: string][] = [
  ['0.0.0.0', 8, 'this-network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT, cloud metadata)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignment'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique local (private, cloud metadata)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

const blocked = RANGES.map(([network, prefix, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, isIP(network) === 4 ? 'ipv4' : 'ipv6');
  return { list, kind, family: isIP(network) === 4 ? 'ipv4' : 'ipv6' } as const;
});

/** The eight 16-bit groups of an IPv6 address (also with a dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -tail[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return quad(g[6]!, g[7]!);
  if (zeros(0, 6) && (g[6]! > 0 || g[7]! > 1)) return quad(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return quad(g[6]!, g[7]!);
  if (g[0] === 0x2002) return quad(g[1]!, g[2]!);
  return undefined;
}

/** What kind of non-public address `address` is ("loopback", …), or undefined for a public one. */
export function forbiddenAddress(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const inner = embeddedIpv4(bare);
    const kind = inner === undefined ? undefined : forbiddenAddress(inner);
    if (kind) return `${kind}, as IPv6`;
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return blocked.find((b) => b.family === type && b.list.check(bare, type))?.kind;
}

/** True when a URL names a local host itself: `localhost` (or `*.localhost`), or a non-public IP literal. */
export function isLocalUrl(url: URL): boolean {
  const host = url.hostname.replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const bare = host.replace(/^\[|\]$/g, '');
  return isIP(bare) !== 0 && forbiddenAddress(bare) !== undefined;
}

/** Why a request was refused: the error code, what was expected and what was found. */
export interface Refusal {
  /** `fetch-redirects` for a redirect from https to http, `fetch-forbidden` for a host or an address. */
  code: 'fetch-redirects' | 'fetch-forbidden';
  message: string;
  expected: string;
  found: string;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => void;

export interface Guard {
  /** Checks a request before it is sent (the first, each redirect and each retry); a refusal is returned, not thrown. */
  check(next: URL, redirect: boolean): Refusal | undefined;
  /** A DNS lookup (got's `dnsLookup`) that refuses a host resolving to a forbidden address, and connects to the address it checked. */
  lookup: Lookup;
}

const normalHost = (host: string) => new URL(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`).hostname.replace(/\.$/, '');
const PUBLIC = 'a public address (loopback, link-local, private and metadata addresses are only fetched for a local source)';

/**
 * A guard for one fetch of `source`. A redirect may go to the source's own host or to one of
 * `allowedHosts`; a local source (see `isLocalUrl`: `--origin` to a local copy) may use its own
 * origin's address, every other request needs public addresses only.
 */
export function createGuard(source: URL, allowedHosts: string[], onRefuse: (refusal: Refusal) => void): Guard {
  const local = isLocalUrl(source);
  const hosts = new Set([normalHost(source.hostname), ...allowedHosts.map(normalHost)]);
  // The request being made: whether it may use a local address (its origin is the local source's own).
  let exempt = local;

  const check = (next: URL, redirect: boolean): Refusal | undefined => {
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { code: 'fetch-forbidden', message: 'the source leads to an address that is not http(s)', expected: 'an http or https URL', found: next.href };
    if (source.protocol === 'https:' && next.protocol !== 'https:') return { code: 'fetch-redirects', message: 'the source redirects from https to an insecure address', expected: 'an https address', found: next.href };
    const host = next.hostname.replace(/\.$/, '');
    if (redirect && !hosts.has(host)) {
      return { code: 'fetch-forbidden', message: 'the source redirects to a host the registry does not allow for it', expected: `a redirect to ${[...hosts].join(' or ')} (the source's allowHosts in the registry)`, found: next.href };
    }
    exempt = local && next.origin === source.origin;
    const bare = host.replace(/^\[|\]$/g, '');
    const kind = isIP(bare) ? forbiddenAddress(bare) : undefined;
    if (kind && !exempt) return { code: 'fetch-forbidden', message: `the source leads to a ${kind.split(' ')[0]} address`, expected: PUBLIC, found: `${next.href} (${bare}: ${kind})` };
    return undefined;
  };

  const guardedLookup: Lookup = (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = exempt ? undefined : addresses.find((a) => forbiddenAddress(a.address) !== undefined);
      if (bad) {
        const kind = forbiddenAddress(bad.address)!;
        onRefuse({ code: 'fetch-forbidden', message: `the source leads to a ${kind.split(' ')[0]} address`, expected: PUBLIC, found: `${hostname} resolves to ${bad.address} (${kind})` });
        const refused: NodeJS.ErrnoException = new Error(`refused: ${hostname} resolves to ${bad.address} (${kind})`);
        refused.code = 'ERR_ONTSLUIT_FORBIDDEN_ADDRESS';
        return callback(refused, []);
      }
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

  return { check, lookup: guardedLookup };
}
