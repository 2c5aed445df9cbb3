/**
 * Span names of two runs side by side: the stats of each, and whether the duration change is beyond
 * noise. "Beyond noise" needs both a significant Mann-Whitney U test (p < `alpha`, default 0.01)
 * on the two duration samples and a change that matters: p50 or p95 moved by at least
 * `minRelativeChange` (default 5%). The test says the shift is real; the size gate keeps a tiny but
 * consistent shift on a large sample from being flagged. With many span names a few false alarms
 * at `alpha` are expected (no multiple-comparison correction), hence the strict default.
 */
import type { CodeLocation } from '../store/model';
import { mannWhitneyU } from './mann-whitney';
import type { SpanNameStats } from './span-stats';

/** How a change is judged against noise. */
export interface NoiseSettings {
  /** Significance level of the Mann-Whitney U test. */
  readonly alpha: number;
  /** Smallest relative change of p50 or p95 (0.05 = 5%) that counts. */
  readonly minRelativeChange: number;
}

export const DEFAULT_NOISE: NoiseSettings = { alpha: 0.01, minRelativeChange: 0.05 };

/** One span name in the two runs; `base` or `head` is undefined when the name is in one run only. */
export interface SpanComparison {
  readonly name: string;
  readonly base: SpanNameStats | undefined;
  readonly head: SpanNameStats | undefined;
  /** Two-sided p-value of the duration samples; undefined unless both runs have ended spans of the name. */
  readonly pValue: number | undefined;
  readonly isBeyondNoise: boolean;
  /** Source location (head's, else base's). */
  readonly code: CodeLocation | undefined;
}

/** `(head − base) / base`; 0 when both are 0, undefined when only the base is 0 (no finite ratio). */
export function relativeChange(base: number, head: number): number | undefined {
  if (base === 0) return head === 0 ? 0 : undefined;
  return (head - base) / base;
}

/** Compares one name's stats. */
export function compareSpanName(name: string, base: SpanNameStats | undefined, head: SpanNameStats | undefined, noise: NoiseSettings): SpanComparison {
  const code = head?.code ?? base?.code;
  if (base === undefined || head === undefined || base.sortedDurationsMs.length === 0 || head.sortedDurationsMs.length === 0) {
    return { name, base, head, pValue: undefined, isBeyondNoise: false, code };
  }
  const { pValue } = mannWhitneyU(base.sortedDurationsMs, head.sortedDurationsMs);
  const size = Math.max(Math.abs(relativeChange(base.p50Ms, head.p50Ms) ?? Infinity), Math.abs(relativeChange(base.p95Ms, head.p95Ms) ?? Infinity));
  return { name, base, head, pValue, isBeyondNoise: pValue < noise.alpha && size >= noise.minRelativeChange, code };
}

/**
 * Every span name of either run. Order: names in both runs with a change beyond noise first, then
 * the other shared names, then names in one run only; within each, by the size of the p95 change, then name.
 */
export function compareSpanStats(base: ReadonlyMap<string, SpanNameStats>, head: ReadonlyMap<string, SpanNameStats>, noise: NoiseSettings = DEFAULT_NOISE): SpanComparison[] {
  const names = new Set([...base.keys(), ...head.keys()]);
  const rows = [...names].map((name) => compareSpanName(name, base.get(name), head.get(name), noise));
  const group = (r: SpanComparison): number => (r.base === undefined || r.head === undefined ? 2 : r.isBeyondNoise ? 0 : 1);
  const size = (r: SpanComparison): number => (r.base === undefined || r.head === undefined ? 0 : Math.abs(relativeChange(r.base.p95Ms, r.head.p95Ms) ?? Infinity));
  return rows.sort((a, b) => group(a) - group(b) || size(b) - size(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
