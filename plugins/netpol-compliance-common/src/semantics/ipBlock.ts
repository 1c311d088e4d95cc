/**
 * `ipBlock` peers: a CIDR minus `except` CIDRs, IPv4 or IPv6 (ipaddr.js does
 * the bit maths). An IP matches when it lies in `cidr` and in none of
 * `except`. Address families never mix: an IPv6 address is not in an IPv4
 * block. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are compared as
 * IPv4, as the kernel does.
 *
 * CIDRs are read as the API server reads them (`parseCidr`), so a block
 * means here what it means to the cluster. An invalid block (bad CIDR, an
 * `except` outside `cidr`) would be rejected by the API server; here it
 * matches nothing and says why.
 */
import ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Addr, number];

/** @public */
export interface CompiledIpBlock {
  text: string;
  valid: boolean;
  problems: string[];
  cidr?: Cidr;
  except: Cidr[];
}

/**
 * Parses an address as Kubernetes does (`ParseIPSloppy`): four decimal
 * octets for IPv4, where leading zeros are decimal (`010.0.0.1` is
 * 10.0.0.1, never octal 8.0.0.1); hex octets, short forms (`10.1`) and
 * zones are not addresses. IPv4-mapped IPv6 addresses come back as IPv4.
 * `undefined` when the text is not an address.
 * @public
 */
export function parseIp(ip: string): Addr | undefined {
  const bytes = parseIpBytes(ip, false);
  if (!bytes) return undefined;
  const addr = ipaddr.fromByteArray(bytes);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    return (addr as ipaddr.IPv6).toIPv4Address();
  return addr;
}

/**
 * Parses a CIDR as Kubernetes' `ParseCIDRSloppy` does (Go's
 * `net.ParseCIDR`, allowing leading zeros): `<address>/<decimal prefix>`,
 * the prefix at most 32 (IPv4) or 128 (IPv6); bits set beyond the prefix
 * are masked off (`10.0.0.1/8` is 10.0.0.0/8). `strict` reads it as Go's
 * `netip.ParsePrefix` (the CRD `cidr` format, Cilium and Calico): leading
 * zeros are refused. An IPv4-mapped IPv6 network of /96 or longer is
 * the IPv4 network it maps, as Go's `IPNet.Contains` treats it.
 * @public
 */
export function parseCidr(
  text: string,
  options: { strict?: boolean } = {},
): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const bytes = parseIpBytes(text.slice(0, slash), !!options.strict);
  const prefixText = text.slice(slash + 1);
  if (!bytes || !/^[0-9]{1,4}$/.test(prefixText)) return undefined;
  if (options.strict && prefixText.length > 1 && prefixText[0] === '0')
    return undefined;
  let bits = Number(prefixText);
  if (bits > bytes.length * 8) return undefined;
  const masked = maskBytes(bytes, bits);
  let addr: Addr = ipaddr.fromByteArray(masked);
  if (
    addr.kind() === 'ipv6' &&
    bits >= 96 &&
    (addr as ipaddr.IPv6).isIPv4MappedAddress()
  ) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  return [addr, bits];
}

/** 4 or 16 bytes, or `undefined`; `strict` refuses leading zeros in IPv4 octets. */
function parseIpBytes(text: string, strict: boolean): number[] | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64)
    return undefined;
  return text.includes(':')
    ? parseIpv6Bytes(text, strict)
    : parseIpv4Bytes(text, strict);
}

function parseIpv4Bytes(text: string, strict: boolean): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]+$/.test(part)) return undefined;
    if (strict && part.length > 1 && part[0] === '0') return undefined;
    const n = Number(part); // decimal, whatever the leading zeros
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv6Bytes(text: string, strict: boolean): number[] | undefined {
  let body = text;
  let tail: number[] | undefined;
  if (text.includes('.')) {
    // An embedded IPv4 address stands for the last two groups.
    const lastColon = text.lastIndexOf(':');
    tail = parseIpv4Bytes(text.slice(lastColon + 1), strict);
    if (!tail) return undefined;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!HEX_GROUP.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (head.length + rest.length > 7) return undefined;
    groups = [
      ...head,
      ...new Array(8 - head.length - rest.length).fill(0),
      ...rest,
    ];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  if (tail) bytes.splice(12, 4, ...tail);
  return bytes;
}

function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer[0].kind() === inner[0].kind() &&
    inner[1] >= outer[1] &&
    inner[0].match(outer[0], outer[1])
  );
}

/** @public */
export function compileIpBlock(
  block: { cidr: string; except?: string[] } | undefined,
  where = 'ipBlock',
): CompiledIpBlock {
  const cidrText = block?.cidr;
  const exceptTexts = Array.isArray(block?.except) ? block!.except : [];
  const text = exceptTexts.length
    ? `${cidrText} except ${exceptTexts.join(', ')}`
    : String(cidrText);
  const problems: string[] = [];
  const cidr = parseCidr(cidrText as string);
  if (!cidr) problems.push(`${where}: "${cidrText}" is not a valid CIDR`);
  const except: Cidr[] = [];
  for (const e of exceptTexts) {
    const c = parseCidr(e);
    if (!c) {
      problems.push(`${where}: except "${e}" is not a valid CIDR`);
    } else if (cidr && !(contains(cidr, c) && c[1] > cidr[1])) {
      problems.push(
        `${where}: except "${e}" is not strictly inside "${cidrText}"`,
      );
    } else {
      except.push(c);
    }
  }
  return { text, valid: problems.length === 0, problems, cidr, except };
}

/** Whether the block contains the address. */
export function ipBlockContains(
  block: CompiledIpBlock,
  ip: string | Addr,
): boolean {
  if (!block.valid || !block.cidr) return false;
  const addr = typeof ip === 'string' ? parseIp(ip) : ip;
  if (!addr || addr.kind() !== block.cidr[0].kind()) return false;
  if (!addr.match(block.cidr)) return false;
  for (const e of block.except) {
    if (addr.match(e)) return false;
  }
  return true;
}

/** `0.0.0.0/0` or `::/0` without exceptions: every address of a family. @public */
export function ipBlockIsEverything(block: CompiledIpBlock): boolean {
  return (
    !!block.valid &&
    !!block.cidr &&
    block.cidr[1] === 0 &&
    block.except.length === 0
  );
}

/**
 * Whether the block leaves at least one address once `except` is removed.
 * Exceptions are strictly inside the CIDR, so only an exception covering
 * the whole range could empty it; with two halves excepted it is also empty.
 */
export function ipBlockHasAddresses(block: CompiledIpBlock): boolean {
  if (!block.valid || !block.cidr) return false;
  return !coversWhole(block.cidr, block.except);
}

function coversWhole(range: Cidr, parts: Cidr[]): boolean {
  if (parts.some(p => contains(p, range))) return true;
  const inside = parts.filter(p => contains(range, p));
  const maxBits = range[0].kind() === 'ipv4' ? 32 : 128;
  if (inside.length === 0 || range[1] >= maxBits) return false;
  // Split the range in its two halves and check each (depth bounded by the prefix length).
  const bytes = range[0].toByteArray();
  const bit = range[1];
  const upper = bytes.slice();
  upper[bit >> 3] |= 0x80 >> (bit & 7);
  const lowerHalf: Cidr = [
    ipaddr.fromByteArray(maskBytes(bytes, bit + 1)),
    bit + 1,
  ];
  const upperHalf: Cidr = [
    ipaddr.fromByteArray(maskBytes(upper, bit + 1)),
    bit + 1,
  ];
  return coversWhole(lowerHalf, inside) && coversWhole(upperHalf, inside);
}

function maskBytes(bytes: number[], bits: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/**
 * Whether an IP address is in an ipBlock (`cidr` minus `except`); false
 * for an invalid block or address.
 * @public
 */
export function ipBlockMatches(
  block: { cidr: string; except?: string[] },
  ip: string,
): boolean {
  return ipBlockContains(compileIpBlock(block), ip);
}
