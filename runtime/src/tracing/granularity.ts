/**
 * The granularity gate: which span levels are created. Reads `STATSCOPE_GRANULARITY` once, on the
 * first span, and can be changed at run time for every copy of the runtime in the process.
 */
import { currentConfig } from '../config/current';
import type { Granularity, SpanLevel } from '../config/types';
import { safeString } from '../internal/is';
import { logOnce } from '../log/internal';
import { applyGranularity, GRANULARITY_RANK, LEVEL_RANK, state, UNCONFIGURED } from './state';

/** True when spans of rank `rank` are created now. The hot path: one comparison once configured. */
export function isRankEnabled(rank: number): boolean {
  const threshold = state.threshold;
  return rank <= threshold || (threshold === UNCONFIGURED && isRankEnabledSlow(rank));
}

function isRankEnabledSlow(rank: number): boolean {
  ensureGranularity();
  return rank <= state.threshold;
}

/** Applies the configured granularity once per process. */
export function ensureGranularity(): void {
  if (state.threshold === UNCONFIGURED) applyGranularity(currentConfig().granularity);
}

/** Changes which spans are created from now on, in every copy of the runtime in this process. */
export function setGranularity(granularity: Granularity): void {
  // An unknown value (untyped callers) would leave no threshold at all; keep the current one instead.
  if (typeof granularity === 'string' && Object.hasOwn(GRANULARITY_RANK, granularity)) applyGranularity(granularity);
  else logOnce('set-granularity-unknown', 'warn', `setGranularity: unknown granularity ${JSON.stringify(safeString(granularity))}; kept ${getGranularity()}`);
}

/** The active granularity. */
export function getGranularity(): Granularity {
  ensureGranularity();
  return state.granularity;
}

/** True when spans of `level` are created at the active granularity. */
export function isLevelEnabled(level: SpanLevel): boolean {
  // An unknown level (untyped callers) is never enabled; `in` on a non-string key could throw.
  return typeof level === 'string' && Object.hasOwn(LEVEL_RANK, level) && isRankEnabled(LEVEL_RANK[level]);
}
