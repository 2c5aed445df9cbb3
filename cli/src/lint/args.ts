/** Arguments of `statscope lint`. */

export type OutputFormat = 'stylish' | 'json' | 'sarif';

/** Parsed options of `statscope lint`. */
export interface LintArgs {
  /** Files or folders to lint (default: the current folder). */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** Exit 1 when there are more warnings than this; undefined: warnings never fail. */
  readonly maxWarnings?: number;
  /** `statscope.config.json` to use instead of the nearest one. */
  readonly config?: string;
}

/** The outcome of parsing: options, a help request, or a usage error. */
export type ParsedLintArgs = { readonly kind: 'lint'; readonly args: LintArgs } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** The help text of `statscope lint`. */
export const LINT_USAGE = `Usage: statscope lint [paths...] [options]

Lints metric and trace usage in TypeScript and JavaScript files (the rules of the Statscope language server).

Options:
  --format <stylish|json|sarif>  output format (default: stylish); sarif is SARIF 2.1.0 for code scanning
  --max-warnings <n>             exit 1 when there are more than n warnings
  --config <file>                statscope.config.json to use (default: the nearest one upwards)
  -h, --help                     show this help

Exit status: 0 clean, 1 errors (or too many warnings), 2 usage or configuration error.
`;

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif'];

/** Parses `statscope lint` arguments (after the subcommand). Accepts `--flag value` and `--flag=value`. */
export function parseLintArgs(argv: readonly string[]): ParsedLintArgs {
  const paths: string[] = [];
  let format: OutputFormat = 'stylish';
  let maxWarnings: number | undefined;
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    if (raw === '-h' || raw === '--help') return { kind: 'help' };
    if (raw === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!raw.startsWith('-')) {
      paths.push(raw);
      continue;
    }
    const eq = raw.indexOf('=');
    const flag = eq === -1 ? raw : raw.slice(0, eq);
    const value = eq === -1 ? argv[++i] : raw.slice(eq + 1);
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
    if (flag === '--format' || flag === '-f') {
      if (!(FORMATS as readonly string[]).includes(value)) return { kind: 'error', message: `unknown format '${value}' (use ${FORMATS.join(', ')})` };
      format = value as OutputFormat; // checked against FORMATS above
    } else if (flag === '--max-warnings') {
      if (!/^\d+$/.test(value)) return { kind: 'error', message: `--max-warnings needs a non-negative integer, got '${value}'` };
      maxWarnings = Number(value);
    } else if (flag === '--config' || flag === '-c') {
      config = value;
    } else {
      return { kind: 'error', message: `unknown option ${flag}` };
    }
  }
  return {
    kind: 'lint',
    args: { paths: paths.length > 0 ? paths : ['.'], format, ...(maxWarnings !== undefined ? { maxWarnings } : {}), ...(config !== undefined ? { config } : {}) },
  };
}
