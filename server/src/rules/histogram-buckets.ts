import { MAX_BUCKETS } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import type { BucketsFact } from '../engine/facts';

/** Histogram bucket bounds are finite, strictly ascending and not empty; the runtime rejects anything else. */
export default createFactsRule(
  {
    id: 'histogram-buckets',
    description: 'Histogram buckets are a non-empty list of finite, strictly ascending numbers.',
    category: 'declaration',
    defaultSeverity: 'error',
    hasFix: true,
    messages: {
      empty: 'Histogram buckets are empty; list at least one upper bound (or omit buckets for the defaults).',
      nonFinite: 'Histogram buckets must be finite numbers: +Inf is implicit, NaN is never a bound.',
      unsorted: 'Histogram buckets must be in ascending order.',
      duplicate: 'Histogram bucket {{value}} is listed twice; bounds must be strictly ascending.',
      tooMany: 'This histogram declares {{count}} buckets; more than {{max}} costs memory on every series.',
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace).filter((d) => d.isViaWrapper !== true)) {
      if (!decl.buckets || decl.kind !== 'histogram') continue;
      // OpenTelemetry's `explicitBucketBoundaries: []` asks for one bucket (count and sum only): valid there.
      if (decl.api === 'otel' && decl.buckets.values.length === 0) continue;
      const problem = problemOf(decl.buckets);
      if (!problem) continue;
      const fixed = fixedBuckets(decl.buckets);
      const fix = fixed !== undefined && problem.messageId !== 'tooMany' ? { title: 'Sort and clean the buckets', edits: [{ range: decl.buckets.range, newText: fixed }] } : undefined;
      context.report({ range: decl.buckets.range, messageId: problem.messageId, data: problem.data, ...(fix ? { fix } : {}) });
    }
  },
);

function problemOf(buckets: BucketsFact): { messageId: string; data: Record<string, string> } | undefined {
  const values = buckets.values;
  if (values.length === 0) return { messageId: 'empty', data: {} };
  if (values.some((v) => v === undefined)) return undefined; // computed bounds: nothing to say statically
  const numbers = values as readonly number[]; // no undefined entries, checked above
  if (numbers.some((v) => !Number.isFinite(v))) return { messageId: 'nonFinite', data: {} };
  for (let i = 1; i < numbers.length; i++) {
    const previous = numbers[i - 1] as number; // i - 1 is in range
    const current = numbers[i] as number;
    if (current < previous) return { messageId: 'unsorted', data: {} };
  }
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i] === numbers[i - 1]) return { messageId: 'duplicate', data: { value: String(numbers[i]) } };
  }
  if (numbers.length > MAX_BUCKETS) return { messageId: 'tooMany', data: { count: String(numbers.length), max: String(MAX_BUCKETS) } };
  return undefined;
}

/** The bounds sorted, deduplicated and finite, written with their original texts; undefined when none remain. */
function fixedBuckets(buckets: BucketsFact): string | undefined {
  const entries = buckets.values.map((value, i) => ({ value: value as number, text: buckets.texts[i] ?? String(value) })); // values are all numbers here
  const kept = entries.filter((e) => Number.isFinite(e.value)).sort((a, b) => a.value - b.value);
  const unique = kept.filter((e, i) => i === 0 || e.value !== kept[i - 1]?.value);
  return unique.length === 0 ? undefined : `[${unique.map((e) => e.text).join(', ')}]`;
}
