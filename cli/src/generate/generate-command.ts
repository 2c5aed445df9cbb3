/**
 * `statscope generate <grafana|prometheus-rules|collector> [paths…] [--out file]`: indexes the files as
 * `statscope lint` does and writes what the declared stats structs imply: a Grafana dashboard, Prometheus
 * recording and alerting rules, or an OpenTelemetry Collector configuration.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RULES } from '../../../server/src/rules';
import { parseConfigFile } from '../../../server/src/engine/config';
import { LintSession } from '../../../server/src/engine/lint-session';
import { generate, GENERATORS, isGeneratorName } from '../../../server/src/generate/generate';
import type { GeneratorName } from '../../../server/src/generate/generate';
import { toForwardSlashes } from '../../../server/src/uris';
import { findConfigFile, findSourceFiles, readSourceText } from '../../../server/src/workspace-files';

export const GENERATE_USAGE = `Usage: statscope generate <${GENERATORS.join('|')}> [paths...] [options]

Generates from the stats structs declared under the paths (default: the current folder):
  grafana            a Grafana dashboard (JSON): a row per component, rates, quantiles with exemplars,
                     heatmaps, gauges, a template variable per label
  prometheus-rules   Prometheus recording rules and alerting rules from declared slo/alert thresholds (YAML)
  collector          an OpenTelemetry Collector configuration: OTLP in, Prometheus, Tempo/Jaeger, logs out (YAML)

Options:
  --out <file>   write the file (folders are created) instead of printing it
  -h, --help     show this help

Exit status: 0 written, 1 no stats struct found, 2 usage error.
`;

/** Parsed arguments. */
export interface GenerateArgs {
  readonly what: GeneratorName;
  readonly paths: readonly string[];
  readonly out: string | undefined;
}

export type ParsedGenerateArgs = { readonly kind: 'generate'; readonly args: GenerateArgs } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** Where the command reads and writes; tests pass their own. */
export interface GenerateIo {
  readonly cwd: string;
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

/** Parses the arguments after `generate`. Pure. */
export function parseGenerateArgs(argv: readonly string[]): ParsedGenerateArgs {
  const positional: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--out' || arg.startsWith('--out=')) {
      out = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (out === undefined || out === '') return { kind: 'error', message: '--out needs a file' };
    } else if (arg.startsWith('-')) return { kind: 'error', message: `unknown option '${arg}'` };
    else positional.push(arg);
  }
  const [what, ...paths] = positional;
  if (what === undefined) return { kind: 'error', message: `say what to generate: ${GENERATORS.join(', ')}` };
  if (!isGeneratorName(what)) return { kind: 'error', message: `unknown generator '${what}' (${GENERATORS.join(', ')})` };
  return { kind: 'generate', args: { what, paths: paths.length > 0 ? paths : ['.'], out } };
}

/** Runs `statscope generate`; resolves to the exit code. */
export async function generateCommand(argv: readonly string[], io: GenerateIo = processIo()): Promise<number> {
  const parsed = parseGenerateArgs(argv);
  if (parsed.kind === 'help') {
    io.writeOut(GENERATE_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.writeErr(`statscope generate: ${parsed.message}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  const { what, paths, out } = parsed.args;
  const targets = paths.map((p) => resolve(io.cwd, p));
  for (const target of targets) {
    if (!(await stat(target).catch(() => undefined))) {
      io.writeErr(`statscope generate: no such file or folder: ${target}\n`);
      return 2;
    }
  }
  const session = await indexed(targets, io);
  const file = generate(what, session.index.allFacts());
  for (const warning of file.warnings) io.writeErr(`statscope generate: ${warning}\n`);
  if (file.components === 0) {
    io.writeErr(`statscope generate: no stats struct (defineStats) found under ${paths.join(', ')}\n`);
    return 1;
  }
  if (out === undefined) {
    io.writeOut(file.text);
    return 0;
  }
  const path = resolve(io.cwd, out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, file.text);
  io.writeErr(`statscope generate: wrote ${path} (${file.components} component${file.components === 1 ? '' : 's'})\n`);
  return 0;
}

/** The workspace index over the targets' source files, honouring the config file's `ignore`. */
async function indexed(targets: readonly string[], io: GenerateIo): Promise<LintSession> {
  const configPath = await findConfigFile(io.cwd);
  const configText = configPath === undefined ? undefined : await readFile(configPath, 'utf8').catch(() => undefined);
  const ignore = configText === undefined ? [] : parseConfigFile(configText, RULES).config.ignore;
  const session = new LintSession({ root: toForwardSlashes(configPath === undefined ? io.cwd : dirname(configPath)), rules: [] });
  for (const target of targets) {
    for (const fileName of await findSourceFiles(toForwardSlashes(target), { ignore })) {
      const read = await readSourceText(fileName);
      if ('text' in read) session.load(fileName, read.text, false);
    }
  }
  return session;
}

function processIo(): GenerateIo {
  return { cwd: process.cwd(), writeOut: (text) => void process.stdout.write(text), writeErr: (text) => void process.stderr.write(text) };
}
