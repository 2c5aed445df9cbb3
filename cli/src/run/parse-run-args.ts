/** Parses `statscope run [options] -- <command> [args…]`. Pure. */
import { isGranularity, isTracingMode } from '../../../runs/index';
import type { Granularity, OtlpProtocol, TracingMode } from '../../../runs/index';

export interface RunArgs {
  readonly granularity: Granularity | undefined;
  readonly mode: TracingMode | undefined;
  readonly protocol: OtlpProtocol | undefined;
  /** Write the run as OTLP/JSON Lines to this file. */
  readonly out: string | undefined;
  /** Preload path override; `false` with `--no-preload`. */
  readonly preload: string | false | undefined;
  /** Forward everything received to this OTLP/HTTP base URL. */
  readonly forward: string | undefined;
  readonly forwardHeaders: Readonly<Record<string, string>>;
  /** Lines of span tree printed at most. */
  readonly maxLines: number;
  /** Decoded telemetry bytes the run accepts; undefined for the receiver's default. */
  readonly maxRunBytes: number | undefined;
  readonly command: string;
  readonly args: readonly string[];
}

export type ParsedRunArgs = { readonly kind: 'run'; readonly args: RunArgs } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

export const RUN_USAGE = `Usage: statscope run [options] -- <command> [args...]

Runs a program with Statscope tracing: starts an OTLP receiver on 127.0.0.1, starts the program with
the Statscope runtime preloaded (Node.js: NODE_OPTIONS --require; Python: the bundled Python runtime's
sitecustomize first on PYTHONPATH, where an installed statscope package wins) and OTEL_* pointing at the
receiver, then prints the span tree and a composites table when it exits. Exits with the program's exit code.

Options:
  --granularity <level>     none | operation | operation_and_segment | all
  --mode <mode>             api (the program's own SDK exports) | sdk (Statscope starts the SDK)
  --protocol <protocol>     http/protobuf (default) | http/json
  --out <file>              write the run as OTLP/JSON Lines (opens in Statscope, collector tools)
  --forward <url>           also forward everything to this OTLP/HTTP endpoint (e.g. http://localhost:4318)
  --forward-header <k=v>    header for forwarded requests (repeatable)
  --preload <file>          the runtime preload to use (default: the installed statscope/register)
  --no-preload              do not inject the preloads (the program exports by itself)
  --max-lines <n>           span tree lines printed at most (default 200)
  --max-run-bytes <size>    telemetry the run accepts, decoded (default 512M; K, M, G are powers of 1024);
                            past it requests are refused and counted
  -h, --help                show this help

Examples:
  statscope run --granularity all --out run.json -- node app.js
  statscope run -- python3 app.py
`;

const VALUE_OPTIONS = new Set(['--granularity', '--mode', '--protocol', '--out', '--forward', '--forward-header', '--preload', '--max-lines', '--max-run-bytes']);

interface Mutable {
  granularity: Granularity | undefined;
  mode: TracingMode | undefined;
  protocol: OtlpProtocol | undefined;
  out: string | undefined;
  preload: string | false | undefined;
  forward: string | undefined;
  forwardHeaders: Record<string, string>;
  maxLines: number;
  maxRunBytes: number | undefined;
}

export function parseRunArgs(argv: readonly string[]): ParsedRunArgs {
  const o: Mutable = { granularity: undefined, mode: undefined, protocol: undefined, out: undefined, preload: undefined, forward: undefined, forwardHeaders: {}, maxLines: 200, maxRunBytes: undefined };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--no-preload') {
      o.preload = false;
      continue;
    }
    if (!arg.startsWith('-')) break;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!VALUE_OPTIONS.has(name)) return { kind: 'error', message: `unknown option ${name}` };
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) return { kind: 'error', message: `${name} needs a value` };
    const problem = apply(o, name, value);
    if (problem !== undefined) return { kind: 'error', message: problem };
  }
  const [command, ...args] = argv.slice(i);
  if (command === undefined || command === '') return { kind: 'error', message: 'no command given (put it after --, e.g. statscope run -- node app.js)' };
  return { kind: 'run', args: { ...o, command, args } };
}

/** Applies one option; returns an error message when the value is invalid. */
function apply(o: Mutable, name: string, value: string): string | undefined {
  switch (name) {
    case '--granularity':
      if (!isGranularity(value)) return `--granularity must be none, operation, operation_and_segment or all (got '${value}')`;
      o.granularity = value;
      return undefined;
    case '--mode':
      if (!isTracingMode(value)) return `--mode must be api or sdk (got '${value}')`;
      o.mode = value;
      return undefined;
    case '--protocol':
      if (value !== 'http/protobuf' && value !== 'http/json') return `--protocol must be http/protobuf or http/json (got '${value}')`;
      o.protocol = value;
      return undefined;
    case '--out':
      o.out = value;
      return undefined;
    case '--forward':
      o.forward = value;
      return undefined;
    case '--forward-header': {
      const eq = value.indexOf('=');
      if (eq <= 0) return `--forward-header must be name=value (got '${value}')`;
      o.forwardHeaders[value.slice(0, eq).trim().toLowerCase()] = value.slice(eq + 1).trim();
      return undefined;
    }
    case '--preload':
      o.preload = value;
      return undefined;
    case '--max-lines': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) return `--max-lines must be a non-negative integer (got '${value}')`;
      o.maxLines = n;
      return undefined;
    }
    case '--max-run-bytes': {
      const bytes = parseByteSize(value);
      if (bytes === undefined) return `--max-run-bytes must be a positive size such as 512M, 2G or 1000000 (got '${value}')`;
      o.maxRunBytes = bytes;
      return undefined;
    }
    default:
      return `unknown option ${name}`;
  }
}

const SIZE_UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['k', 1024],
  ['m', 1024 ** 2],
  ['g', 1024 ** 3],
]);

/** `1000000`, `64K`, `512M`, `2G` (also `512MB`, `512MiB`; units are powers of 1024) in bytes; undefined when invalid. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (match === null) return undefined;
  const bytes = Math.floor(Number(match[1]) * (SIZE_UNITS.get((match[2] ?? '').toLowerCase()) ?? 1));
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
