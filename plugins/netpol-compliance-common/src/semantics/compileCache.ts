/**
 * Shares what compiling many policies repeats: thousands of policies often
 * hold a handful of distinct label selectors and ipBlocks. Selectors come
 * back memoised (a match cache per label set); ipBlocks are shared because
 * parsing IPv6 text is not cheap. Invalid ones are compiled again at each
 * place, so each problem names its own location.
 */
import type { LabelSelector } from '../snapshot/types';
import {
  compileLabelSelector,
  KeyedSelector,
  memoise,
  safeJson,
} from '../selectors/labelSelector';
import { CompiledIpBlock, compileIpBlock } from './ipBlock';

export class CompileCache {
  private readonly selectors = new Map<string, KeyedSelector>();
  private readonly blocks = new Map<string, CompiledIpBlock>();

  selector(
    selector: LabelSelector | null | undefined,
    where: string,
  ): KeyedSelector {
    const json = safeJson(selector ?? {});
    const hit = this.selectors.get(json);
    if (hit) {
      return hit.valid ? hit : memoise(compileLabelSelector(selector, where));
    }
    const compiled = memoise(compileLabelSelector(selector, where));
    this.selectors.set(json, compiled);
    return compiled;
  }

  ipBlock(
    block: { cidr: string; except?: string[] },
    where: string,
  ): CompiledIpBlock {
    const json = safeJson(block);
    let hit = this.blocks.get(json);
    if (!hit) {
      hit = compileIpBlock(block, where);
      this.blocks.set(json, hit);
    }
    return hit.valid ? hit : compileIpBlock(block, where);
  }
}
