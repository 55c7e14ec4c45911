import dns from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from './types.js';

/** Addresses a link checker must never be steered into (SSRF guard). */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", includes 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, includes 169.254.169.254 (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local, includes fd00:ec2::254 (AWS metadata)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** An IPv6 address in its canonical compressed form (IPv4 tails become hex), or null. */
function canonicalIPv6(ip: string): string | null {
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

const IPV4_IN_IPV6 = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;
const IPV4_IN_6TO4 = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/;

/**
 * The IPv4 address an IPv6 one stands for, or null: IPv4-mapped (::ffff:0:0/96), IPv4-compatible
 * (::/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) all reach an IPv4 host.
 */
function embeddedIPv4(canonical: string): string | null {
  const quad = (hi: string, lo: string) => {
    const h = Number.parseInt(hi, 16);
    const l = Number.parseInt(lo, 16);
    return `${h >> 8}.${h & 255}.${l >> 8}.${l & 255}`;
  };
  const tail = IPV4_IN_IPV6.exec(canonical);
  if (tail?.[1] && tail[2]) return quad(tail[1], tail[2]);
  const sixToFour = IPV4_IN_6TO4.exec(canonical);
  if (sixToFour?.[1] && sixToFour[2]) return quad(sixToFour[1], sixToFour[2]);
  return null;
}

/**
 * True for private, loopback, link-local, CGNAT, unique-local, multicast, unspecified and
 * metadata addresses, IPv4-mapped IPv6 forms included. Not-an-IP input counts as private
 * (refuse what we cannot judge).
 */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const unzoned = bare.split('%')[0] ?? bare;
  const family = isIP(unzoned);
  if (family === 4) return blocked.check(unzoned, 'ipv4');
  if (family === 6) {
    const canonical = canonicalIPv6(unzoned);
    if (canonical === null) return true;
    const v4 = embeddedIPv4(canonical);
    if (v4 !== null) return blocked.check(v4, 'ipv4');
    return blocked.check(canonical, 'ipv6');
  }
  return true;
}

export const PRIVATE_ADDRESS_CODE = 'ERR_ROTWATCH_PRIVATE_ADDRESS';

export function privateAddressError(host: string, ip: string): Error {
  return Object.assign(new Error(`${host} resolves to refused address ${ip}`), {
    code: PRIVATE_ADDRESS_CODE,
    address: ip,
  });
}

/**
 * Wraps a dns.lookup-compatible function so that any refused address fails the lookup. It is
 * handed to the socket connector, so the check applies to the address actually connected to,
 * on every hop and every new connection (no DNS-rebinding window).
 */
export function guardedLookup(
  inner: LookupFunction | undefined,
  isRefused: ((ip: string) => boolean) | null,
): LookupFunction {
  const base: LookupFunction = inner ?? (dns.lookup as unknown as LookupFunction);
  if (!isRefused) return base;
  return (hostname, options, cb) => {
    base(hostname, options, (err: Error | null, address: unknown, family?: number) => {
      if (err) return cb(err);
      const list = Array.isArray(address)
        ? (address as { address: string; family: number }[])
        : [{ address: String(address), family: family ?? 4 }];
      const bad = list.find((a) => isRefused(a.address));
      if (bad) return cb(privateAddressError(hostname, bad.address));
      if (Array.isArray(address)) cb(null, address);
      else cb(null, address, family);
    });
  };
}
