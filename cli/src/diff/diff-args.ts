/** Arguments of `statscope diff` (pure parsing). */
import { parseFailOn } from '../../../runs/index';
import type { FailOnRule } from '../../../runs/index';

export const DIFF_USAGE = `Usage: statscope diff <base run file> <head run file> [options]

Compares two runs: per span name count, p50, p95, max and errors side by side with the change, and
whether the duration change is beyond noise (Mann-Whitney U test, p < 0.01, and p50 or p95 moved by 5%
or more); per metric series the change of totals, rates, percentiles or gauge values; spans and series
found in one run only. Reads the files 'statscope run --out' and the extension's Export Run write.

Options:
  --fail-on <rules>   exit 1 when a span name regressed by at least a threshold; repeat or separate with commas:
                        p95:+20%     p95 grew by 20% or more (p50 and p95: only when beyond the noise test)
                        p50:+5ms     p50 grew by 5 ms or more (ms or s)
                        max:+100ms   max grew by 100 ms or more
                        errors:+1    one more error span or more (or errors:+50%)
                      append @<span name> to check one name only: 'p95:+10%@GET /predict'
  --json              print the comparison as JSON
  --markdown          print Markdown tables (for a CI job summary)
  -h, --help          show this help

Exit status: 0 no regression, 1 a --fail-on threshold was crossed, 2 bad arguments or an unreadable run file.

Examples:
  statscope diff base.jsonl head.jsonl
  statscope diff base.jsonl head.jsonl --fail-on p95:+20%,errors:+1 --markdown >> "$GITHUB_STEP_SUMMARY"
`;

export type DiffFormat = 'table' | 'json' | 'markdown';

export interface DiffArgs {
  readonly base: string;
  readonly head: string;
  readonly format: DiffFormat;
  readonly rules: readonly FailOnRule[];
}

export type ParsedDiffArgs = { readonly kind: 'diff'; readonly args: DiffArgs } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** Parses the arguments after `diff`. */
export function parseDiffArgs(argv: readonly string[]): ParsedDiffArgs {
  const files: string[] = [];
  const failOn: string[] = [];
  let format: DiffFormat = 'table';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--json' || arg === '--markdown') {
      const wanted = arg === '--json' ? 'json' : 'markdown';
      if (format !== 'table' && format !== wanted) return { kind: 'error', message: '--json and --markdown exclude each other' };
      format = wanted;
    } else if (arg === '--fail-on' || arg.startsWith('--fail-on=')) {
      const value = arg === '--fail-on' ? argv[++i] : arg.slice('--fail-on='.length);
      if (value === undefined) return { kind: 'error', message: '--fail-on needs rules, e.g. --fail-on p95:+20%' };
      failOn.push(value);
    } else if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `unknown option '${arg}'` };
    else files.push(arg);
  }
  if (files.length !== 2) return { kind: 'error', message: files.length < 2 ? 'two run files are needed: the base and the head' : `two run files, not ${files.length}` };
  const parsed = parseFailOn(failOn);
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  return { kind: 'diff', args: { base: files[0] as string, head: files[1] as string, format, rules: parsed.rules } };
}
