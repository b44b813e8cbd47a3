// IP addresses and CIDRs as the API server parses them (apimachinery util/validation/ip.go, Go's net/netip):
// no leading zeros in IPv4 parts, no zone, and, with StrictIPCIDRValidation, no bits set beyond a CIDR's prefix.

export interface Cidr {
  readonly v6: boolean;
  readonly address: bigint;
  readonly bits: number;
}

/** The address as a number, or undefined where it is not an IPv4 or IPv6 address. */
export function parseIp(text: unknown): { v6: boolean; address: bigint } | undefined {
  if (typeof text !== 'string') return undefined;
  const v4 = text.split('.');
  if (v4.length === 4 && v4.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) {
    return { v6: false, address: v4.reduce((sum, part) => (sum << 8n) + BigInt(part), 0n) };
  }
  if (!text.includes(':') || (text.match(/::/g) ?? []).length > 1) return undefined;
  const [head, tail = ''] = text.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = text.includes('::') ? [...groups(head), ...Array(Math.max(missing, 0)).fill('0'), ...groups(tail)] : groups(head);
  if (all.length !== 8 || (text.includes('::') && missing < 1) || !all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return { v6: true, address: all.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n) };
}

export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const [ip, bitsText, extra] = text.split('/');
  const address = parseIp(ip);
  if (!address || extra !== undefined || !/^(0|[1-9]\d*)$/.test(bitsText ?? '')) return undefined;
  const bits = Number(bitsText);
  return bits <= (address.v6 ? 128 : 32) ? { ...address, bits } : undefined;
}

/** Whether the address has bits set beyond the prefix length ("10.0.0.1/8"). */
export function hasHostBits(cidr: Cidr): boolean {
  const width = BigInt(cidr.v6 ? 128 : 32);
  const hostBits = width - BigInt(cidr.bits);
  return (cidr.address & ((1n << hostBits) - 1n)) !== 0n;
}

export function sameNetwork(inner: Cidr, outer: Cidr): boolean {
  const shift = BigInt((inner.v6 ? 128 : 32) - outer.bits);
  return inner.address >> shift === outer.address >> shift;
}

/** An address as netutils.ParseIPSloppy reads it (Go's net.ParseIP of 1.16): an IPv4 address, or an IPv4-mapped IPv6 one, is `v4`. */
export interface SloppyIp {
  readonly v4: boolean;
  /** 32 bits for an IPv4 address (also one written IPv4-mapped), else 128. */
  readonly address: bigint;
  /** An IPv4 part written with a leading zero ("010.0.0.1"), which net/netip refuses. */
  readonly leadingZeros: boolean;
  /** Written as an IPv4-mapped IPv6 address ("::ffff:10.0.0.1"). */
  readonly mapped: boolean;
}

const SLOPPY_V4_PART = /^\d{1,3}$/;

/** Also what the strict parser refuses: leading zeros in IPv4 parts, an IPv4 tail in IPv6 ("::ffff:10.0.0.1"). No zones. */
export function parseIpSloppy(text: unknown): SloppyIp | undefined {
  if (typeof text !== 'string') return undefined;
  const v4 = (value: string) => {
    const parts = value.split('.');
    if (parts.length !== 4 || !parts.every((part) => SLOPPY_V4_PART.test(part) && Number(part) <= 255)) return undefined;
    return { address: parts.reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n), leadingZeros: parts.some((part) => /^0\d/.test(part)) };
  };
  if (!text.includes(':')) {
    const parsed = v4(text);
    return parsed && { v4: true, address: parsed.address, leadingZeros: parsed.leadingZeros, mapped: false };
  }
  const tail = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const tailV4 = tail ? v4(tail[2]) : undefined;
  if (tail && !tailV4) return undefined;
  const hex = tail ? `${tail[1]}${(tailV4!.address >> 16n).toString(16)}:${(tailV4!.address & 0xffffn).toString(16)}` : text;
  const v6 = parseIp(hex);
  if (!v6?.v6) return undefined;
  const mapped = v6.address >> 32n === 0xffffn;
  return { v4: mapped, address: mapped ? v6.address & 0xffffffffn : v6.address, leadingZeros: tailV4?.leadingZeros ?? false, mapped };
}

/** The address as Go's netip prints it: IPv6 in RFC 5952 form (lower case, no leading zeros, the first longest run of two or more zero groups as "::"). */
export function formatIp(ip: { readonly v6: boolean; readonly address: bigint }): string {
  if (!ip.v6) return [24n, 16n, 8n, 0n].map((shift) => String((ip.address >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.address >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = (list: number[]) => list.map((group) => group.toString(16)).join(':');
  return best.start < 0 ? hex(groups) : `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

/**
 * ValidateEndpointIP (pkg/apis/core/validation): what an endpoint address may not be, as Go's net.IP classifies it:
 * unspecified, loopback, link-local unicast, or link-local multicast (224.0.0.0/24, and IPv6 multicast of link-local scope).
 */
export function specialIpProblem(ip: { readonly v6: boolean; readonly address: bigint }): string | undefined {
  const { v6, address } = ip;
  if (address === 0n) return `may not be unspecified (${v6 ? '::' : '0.0.0.0'})`;
  if (v6 ? address === 1n : address >> 24n === 127n) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  if (v6 ? address >> 118n === 0x3fan : address >> 16n === 0xa9fen) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  if (v6 ? address >> 120n === 0xffn && ((address >> 112n) & 0xfn) === 2n : address >> 8n === 0xe00000n) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  return undefined;
}
