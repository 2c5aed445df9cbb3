/**
 * Escaping and number formatting for the Prometheus text (0.0.4) and OpenMetrics (1.0) formats.
 * - label values (both): `\` → `\\`, `"` → `\"`, newline → `\n`;
 * - HELP text: text 0.0.4 escapes `\` and newline; OpenMetrics also escapes `"`;
 * - numbers: `NaN`, `+Inf`, `-Inf`, `-0`, otherwise JavaScript's shortest round-trip form;
 * - OpenMetrics `le` values are canonical: integral bounds get `.0` (`1` → `1.0`).
 */

const LABEL_SPECIALS = /[\\"\n]/;
const TEXT_HELP_SPECIALS = /[\\\n]/;
const OM_HELP_SPECIALS = /[\\"\n]/;

/** Escapes a label value for either format. */
export function escapeLabelValue(value: string): string {
  if (!LABEL_SPECIALS.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes HELP text for the Prometheus text format. */
export function escapeHelpText(help: string): string {
  if (!TEXT_HELP_SPECIALS.test(help)) return help;
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Escapes HELP text for OpenMetrics. */
export function escapeHelpOpenMetrics(help: string): string {
  if (!OM_HELP_SPECIALS.test(help)) return help;
  return help.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Formats a sample value. */
export function formatNumber(v: number): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0 && 1 / v < 0) return '-0'; // `'' + -0` is "0"
  return '' + v;
}

/** Formats a bucket bound for `le` (OpenMetrics canonical when `canonical`). */
export function formatBound(v: number, canonical: boolean): string {
  const s = formatNumber(v);
  return canonical && Number.isInteger(v) && !s.includes('e') ? `${s}.0` : s;
}

/** The statistics of an exported window, one gauge family each (`<base>_window_avg`, …). */
export const WINDOW_STATS = ['avg', 'min', 'max', 'rate'] as const;

/**
 * The base name of a metric's exported window gauges (`<base>_window_avg`, …): the name itself, with a
 * counter's `_total` dropped. Shared by the exposition and the OTel producer so both name them alike.
 */
export function windowBaseName(kind: string, name: string): string {
  return kind === 'counter' && name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
}
