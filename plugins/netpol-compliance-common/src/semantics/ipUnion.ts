/**
 * Whether a union of ipBlocks covers every address of a family:
 * `0.0.0.0/1` + `128.0.0.0/1` re-opens the world as surely as `0.0.0.0/0`.
 * Each block is a range minus its exceptions; ranges are compared as
 * integers (BigInt: IPv6 has 128 bits).
 */
import type { CompiledIpBlock } from './ipBlock';

type Interval = [bigint, bigint];

function toBig(bytes: number[]): bigint {
  let n = BigInt(0);
  for (const b of bytes) n = n * BigInt(256) + BigInt(b);
  return n;
}

function range(addrBytes: number[], bits: number): Interval {
  const width = addrBytes.length * 8;
  const start = toBig(addrBytes);
  const size = BigInt(1) << BigInt(width - bits);
  const base = start - (start % size);
  return [base, base + size - BigInt(1)];
}

function minus(intervals: Interval[], cut: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of intervals) {
    if (cut[1] < a || cut[0] > b) {
      out.push([a, b]);
      continue;
    }
    if (cut[0] > a) out.push([a, cut[0] - BigInt(1)]);
    if (cut[1] < b) out.push([cut[1] + BigInt(1), b]);
  }
  return out;
}

/** The families (`IPv4`, `IPv6`) whose every address some valid block contains. */
export function familiesCovered(blocks: CompiledIpBlock[]): Array<'IPv4' | 'IPv6'> {
  const out: Array<'IPv4' | 'IPv6'> = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const width = family === 'ipv4' ? 32 : 128;
    let pieces: Interval[] = [];
    for (const block of blocks) {
      if (!block.valid || !block.cidr || block.cidr[0].kind() !== family)
        continue;
      let own: Interval[] = [range(block.cidr[0].toByteArray(), block.cidr[1])];
      for (const e of block.except)
        own = minus(own, range(e[0].toByteArray(), e[1]));
      pieces = pieces.concat(own);
    }
    pieces.sort((x, y) => {
      if (x[0] === y[0]) return 0;
      return x[0] < y[0] ? -1 : 1;
    });
    let next = BigInt(0);
    for (const [a, b] of pieces) {
      if (a > next) break;
      if (b + BigInt(1) > next) next = b + BigInt(1);
    }
    if (next > (BigInt(1) << BigInt(width)) - BigInt(1))
      out.push(family === 'ipv4' ? 'IPv4' : 'IPv6');
  }
  return out;
}
