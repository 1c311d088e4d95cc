/**
 * `ipBlock` peers: a CIDR minus `except` CIDRs, IPv4 or IPv6 (ipaddr.js does
 * the bit maths). An IP matches when it lies in `cidr` and in none of
 * `except`. Address families never mix: an IPv6 address is not in an IPv4
 * block. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are compared as
 * IPv4, as the kernel does.
 *
 * An invalid block (bad CIDR, an `except` outside `cidr`) would be rejected
 * by the API server; here it matches nothing and says why.
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

/** Parses an address; `undefined` when it is not one. @public */
export function parseIp(ip: string): Addr | undefined {
  if (typeof ip !== 'string' || !ipaddr.isValid(ip)) return undefined;
  try {
    return ipaddr.process(ip);
  } catch {
    return undefined;
  }
}

function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string' || !text.includes('/')) return undefined;
  try {
    const [addr, bits] = ipaddr.parseCIDR(text);
    return [addr, bits];
  } catch {
    return undefined;
  }
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
