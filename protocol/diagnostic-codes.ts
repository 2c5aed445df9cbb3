/**
 * The catalogue of lint rule ids. Each id is also the LSP diagnostic `code`, the base name of the
 * rule's `.ts`, `.md` and `.test.ts` files, and a key of the `statscope.lint.rules` setting.
 * Sorted; a meta-test keeps it in sync with `server/src/rules/index.ts` and package.json.
 */
export const DIAGNOSTIC_CODES = [
  'alert-thresholds',
  'component-without-stats',
  'counter-total-suffix',
  'duplicate-metric',
  'dynamic-metric-name',
  'histogram-buckets',
  'label-mismatch',
  'metric-base-unit',
  'metric-description-required',
  'metric-name-format',
  'metric-type-in-name',
  'no-raw-metrics-client',
  'reserved-name-or-label',
  'span-error-not-recorded',
  'span-name-format',
  'span-not-ended',
  'unbounded-label-value',
  'undeclared-metric',
  'unit-suffix-mismatch',
  'unused-metric',
] as const;

/** A rule id. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** Where a rule's documentation lives; used for `codeDescription.href`. */
export const RULE_DOCS_BASE = 'https://github.com/statscope/statscope/blob/main/server/src/rules/';

/** The docs page of a rule (its `.md` file). */
export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

/** True when `value` is a known rule id. */
export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return (DIAGNOSTIC_CODES as readonly string[]).includes(value);
}
