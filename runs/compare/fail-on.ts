/**
 * Regression gates for `statscope diff --fail-on` (pure). Grammar, one rule or several separated by
 * commas (or given in repeated options):
 *
 *     rule      = stat ":" ["+"] amount [ "@" span-name ]
 *     stat      = "p50" | "p95" | "max" | "errors"
 *     amount    = number "%"            relative to the base run
 *               | number ("ms" | "s")   absolute duration (p50, p95, max)
 *               | integer               absolute count (errors)
 *
 * `p95:+20%` fails when some span name's p95 grew by 20% or more; `p50:+5ms` when a p50 grew by 5 ms or
 * more; `errors:+1` when a name has at least one more error span; `p95:+10%@GET /predict` checks only
 * the spans named `GET /predict` (everything after the first `@`, so a name may hold `:` or `@`). A
 * comma splits rules only where a new rule starts (`, p95:`), so a name may hold commas too.
 * A p50/p95 regression counts only when the duration samples differ significantly (Mann-Whitney U,
 * p < alpha): a gate must not fail on noise. `max` (one sample) and `errors` are taken as they are.
 */
import { relativeChange } from './span-compare';
import type { SpanComparison } from './span-compare';
import type { SpanNameStats } from './span-stats';

export type GateStat = 'p50' | 'p95' | 'max' | 'errors';

/** One parsed rule. */
export interface FailOnRule {
  readonly stat: GateStat;
  readonly amount: number;
  /** `%`: relative to the base; `ms`: absolute milliseconds; `count`: absolute error spans. */
  readonly unit: '%' | 'ms' | 'count';
  /** Only spans of this name; undefined for every name. */
  readonly spanName: string | undefined;
  /** The rule as written. */
  readonly text: string;
}

/** A rule that a span name broke. */
export interface Regression {
  readonly rule: FailOnRule;
  readonly spanName: string;
  readonly base: number;
  readonly head: number;
}

/** The verdict: regressions, and rules naming spans that are not in both runs (a usage error). */
export interface GateResult {
  readonly regressions: readonly Regression[];
  readonly unknownSpanNames: readonly string[];
}

const RULE = /^(p50|p95|max|errors):\s*\+?(\d+(?:\.\d+)?)(%|ms|s)?(?:@(.*))?$/s;
const RULE_START = /,(?=\s*(?:p50|p95|max|errors):)/;

/** Parses one or more `--fail-on` values; the error names the rule that is wrong and why. */
export function parseFailOn(values: readonly string[]): { readonly rules: readonly FailOnRule[] } | { readonly error: string } {
  const rules: FailOnRule[] = [];
  for (const value of values) {
    for (const part of value.split(RULE_START)) {
      const text = part.trim();
      const rule = parseRule(text);
      if (typeof rule === 'string') return { error: `--fail-on '${text}': ${rule}` };
      rules.push(rule);
    }
  }
  return { rules };
}

function parseRule(text: string): FailOnRule | string {
  const m = RULE.exec(text);
  if (m === null) return "expected <stat>:+<amount>[@<span name>], with stat p50, p95, max or errors (e.g. 'p95:+20%', 'p50:+5ms', 'errors:+1')";
  const stat = m[1] as GateStat;
  const number = Number(m[2]);
  const suffix = m[3];
  const spanName = m[4]?.trim();
  if (spanName === '') return 'the span name after @ is empty';
  if (stat === 'errors') {
    if (suffix === 'ms' || suffix === 's') return 'errors take a count (errors:+1) or a percentage (errors:+50%)';
    if (suffix === undefined && !Number.isInteger(number)) return 'an error count is a whole number';
    return { stat, amount: number, unit: suffix === '%' ? '%' : 'count', spanName, text };
  }
  if (suffix === undefined) return `a ${stat} threshold needs a unit: % (relative), ms or s`;
  return { stat, amount: suffix === 's' ? number * 1000 : number, unit: suffix === '%' ? '%' : 'ms', spanName, text };
}

function valueOf(stats: SpanNameStats, stat: GateStat): number {
  switch (stat) {
    case 'p50':
      return stats.p50Ms;
    case 'p95':
      return stats.p95Ms;
    case 'max':
      return stats.maxMs;
    case 'errors':
      return stats.errorCount;
  }
}

/** Whether `base → head` breaks the rule (a change of at least the amount). */
function breaks(rule: FailOnRule, base: number, head: number): boolean {
  if (rule.unit !== '%') return head - base >= rule.amount;
  const relative = relativeChange(base, head);
  return relative === undefined || relative * 100 >= rule.amount - 1e-9;
}

/** Judges the span names present in both runs against the rules. */
export function judgeRegressions(spans: readonly SpanComparison[], rules: readonly FailOnRule[], alpha: number): GateResult {
  const regressions: Regression[] = [];
  const unknown = new Set<string>();
  for (const rule of rules) {
    const rows = rule.spanName === undefined ? spans : spans.filter((s) => s.name === rule.spanName);
    if (rule.spanName !== undefined && !rows.some((r) => r.base !== undefined && r.head !== undefined)) unknown.add(rule.spanName);
    for (const row of rows) {
      if (row.base === undefined || row.head === undefined) continue;
      const base = valueOf(row.base, rule.stat);
      const head = valueOf(row.head, rule.stat);
      if (!breaks(rule, base, head)) continue;
      const isPercentile = rule.stat === 'p50' || rule.stat === 'p95';
      if (isPercentile && !(row.pValue !== undefined && row.pValue < alpha)) continue;
      regressions.push({ rule, spanName: row.name, base, head });
    }
  }
  return { regressions, unknownSpanNames: [...unknown] };
}
