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
