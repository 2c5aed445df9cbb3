/**
 * `statscope view <run file> [--format tree|otlp-json] [--out file]`: reads a run file (OTLP/JSON,
 * OTLP/JSON Lines as the collector's file exporter writes it, or a Jaeger JSON export) with the same
 * validating decoders as the extension's Open Run File, then prints its span tree and composites (the
 * `statscope run` report) or converts it to OTLP/JSON Lines.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compileSpanQuery, describeQueryError, exportRunFile, importRunFile, parseSpanQuery, plural, RunStore, runToOtlpJsonLines } from '../../../runs/index';
import type { Run, SpanQuery, SpanRecord } from '../../../runs/index';
import { shouldColor } from '../run/paint';
import { renderComposites } from '../run/print-composites';
import { renderSpanTree } from '../run/print-tree';

export const VIEW_USAGE = `Usage: statscope view <run file> [options]

Prints a run file's span tree and composites table, or converts it to OTLP/JSON Lines. Reads OTLP/JSON,
OTLP/JSON Lines (the OpenTelemetry Collector's file exporter, 'statscope run --out') and Jaeger JSON exports.

Options:
  --format <format>   tree (default) | otlp-json (one OTLP/JSON request per line)
  --out <file>        write to this file instead of stdout
  --max-lines <n>     span tree lines printed at most (default 200)
  --filter <query>    only spans matching the query (and their ancestors), e.g. 'http.route=/predict >10ms'
  -h, --help          show this help

Examples:
  statscope view run.json
  statscope view jaeger-export.json --format otlp-json --out run.jsonl
  statscope view run.json --filter 'service.name=model status=error 10ms..50ms'

Filter queries: space-separated terms that must all hold. key=value, key!=value and key~part on span
attributes, then resource attributes (service.name=model); name=…, name~… or bare words for the span name;
status=error|ok|unset; durations >10ms, >=10ms, <1s, 10ms..50ms; quote values with spaces: http.route="/a b".
`;

export type ViewFormat = 'tree' | 'otlp-json';

export interface ViewArgs {
  readonly file: string;
  readonly format: ViewFormat;
  readonly out: string | undefined;
  readonly maxLines: number;
  /** Spans to print (tree format only). */
  readonly filter: SpanQuery | undefined;
}

export type ParsedViewArgs = { readonly kind: 'view'; readonly args: ViewArgs } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** Where the command reads and writes; tests pass their own. */
export interface ViewCommandIo {
  readonly cwd: string;
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  readonly color: boolean;
}

function processIo(): ViewCommandIo {
  return {
    cwd: process.cwd(),
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
    color: shouldColor(process.stdout, process.env),
  };
}

/** Parses the arguments after `view`. Pure. */
export function parseViewArgs(argv: readonly string[]): ParsedViewArgs {
  let file: string | undefined;
  let format: ViewFormat = 'tree';
  let out: string | undefined;
  let maxLines = 200;
  let filter: SpanQuery | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--format' || arg === '--out' || arg === '--max-lines' || arg === '--filter') {
      const value = argv[++i];
      if (value === undefined) return { kind: 'error', message: `${arg} needs a value` };
      if (arg === '--out') out = value;
      else if (arg === '--filter') {
        const parsed = parseSpanQuery(value);
        if (!parsed.ok) return { kind: 'error', message: `bad --filter '${value}': ${describeQueryError(parsed.error)}` };
        filter = parsed.query;
      }
      else if (arg === '--format') {
        if (value !== 'tree' && value !== 'otlp-json') return { kind: 'error', message: `unknown format '${value}' (tree or otlp-json)` };
        format = value;
      } else {
        maxLines = Number(value);
        if (!Number.isInteger(maxLines) || maxLines < 1) return { kind: 'error', message: `--max-lines needs a positive integer, not '${value}'` };
      }
    } else if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `unknown option '${arg}'` };
    else if (file === undefined) file = arg;
    else return { kind: 'error', message: `one run file at a time ('${file}', '${arg}')` };
  }
  if (file === undefined) return { kind: 'error', message: 'which run file?' };
  if (filter !== undefined && format !== 'tree') return { kind: 'error', message: '--filter applies to the tree format only' };
  return { kind: 'view', args: { file, format, out, maxLines, filter } };
}

/** Runs the command; resolves to the exit code (0, 1 when the file cannot be read, 2 for usage errors). */
export async function viewCommand(argv: readonly string[], io: ViewCommandIo = processIo()): Promise<number> {
  const parsed = parseViewArgs(argv);
  if (parsed.kind === 'help') {
    io.writeOut(VIEW_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.writeErr(`statscope view: ${parsed.message}\n\n${VIEW_USAGE}`);
    return 2;
  }
  const { file, format, out, maxLines, filter } = parsed.args;
  const store = new RunStore({ maxRuns: 1, maxSpansPerRun: 1_000_000 });
  try {
    const run = await importRunFile(store, resolve(io.cwd, file));
    if (format === 'otlp-json') {
      if (out === undefined) io.writeOut(runToOtlpJsonLines(run));
      else await exportRunFile(run, resolve(io.cwd, out));
    } else {
      const report = `${renderReport(run, { maxLines, color: out === undefined && io.color, filter }).join('\n')}\n`;
      if (out === undefined) io.writeOut(report);
      else await writeFile(resolve(io.cwd, out), report, 'utf8');
    }
    return 0;
  } catch (error) {
    io.writeErr(`statscope view: ${describe(error)}\n`);
    return 1;
  } finally {
    store.dispose();
  }
}

function renderReport(run: Run, options: { readonly maxLines: number; readonly color: boolean; readonly filter: SpanQuery | undefined }): string[] {
  const stats = run.stats();
  const lines = [`${run.label}: ${plural(stats.spanCount, 'span')} in ${plural(stats.traceCount, 'trace')}, ${plural(stats.seriesCount, 'metric series', 'metric series')}, ${plural(stats.logCount, 'log record')}`];
  const matches = options.filter === undefined ? undefined : compileSpanQuery(options.filter);
  if (matches !== undefined && options.filter !== undefined) lines.push(`filter '${options.filter.source}': ${plural(countMatches(run, matches), 'matching span')}`);
  if (stats.spanCount > 0) lines.push('', ...renderSpanTree(run, { maxLines: options.maxLines, color: options.color, ...(matches === undefined ? {} : { matches }) }));
  const table = renderComposites(run, { color: options.color });
  if (table.length > 0) lines.push('', ...table);
  return lines;
}

function countMatches(run: Run, matches: (span: SpanRecord) => boolean): number {
  let count = 0;
  for (const trace of run.traces()) for (const span of trace.spans()) if (matches(span)) count++;
  return count;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Cast: errors from node:fs carry `code` and `path`.
  const { code, path } = error as NodeJS.ErrnoException;
  return code === 'ENOENT' ? `no such file: ${path ?? ''}` : error.message;
}
