/**
 * Temporary projects that install the packed npm packages as a user would, without the network: npm
 * installs the tarballs with `--offline` and an empty cache (so nothing can come from the registry or a
 * warm cache), and peer dependencies are left out (`--legacy-peer-deps`). What a user installs beside
 * them (`@opentelemetry/api`, `typescript`, `@types/node`) is linked from this repository's node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

/** What `npm pack --json` reports of one package. */
export interface PackedPackage {
  readonly name: string;
  /** Absolute path of the tarball. */
  readonly tarball: string;
  readonly unpackedSize: number;
  /** Paths inside the package, sorted. */
  readonly files: readonly string[];
}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment commands run with: no telemetry settings of the caller's, npm quiet and offline. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(OTEL_|STATSCOPE_|NODE_OPTIONS$|NODE_PATH$|npm_)/i.test(key)) env[key] = value;
  }
  return { ...env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs a command to its end and returns its exit status and output. */
export function run(cmd: string, args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv }): CommandResult {
  const r = spawnSync(cmd, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like {@link run}, but throws with the output when the command does not exit 0. */
export function runOk(cmd: string, args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv }): CommandResult {
  const r = run(cmd, args, options);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npm pack` of the package in `dir` into `destination`, without its prepack script (the caller built it). */
export function pack(dir: string, destination: string): PackedPackage {
  const { stdout } = runOk(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: dir });
  // Cast: the shape npm documents for `npm pack --json`, one entry per packed folder.
  const [entry] = JSON.parse(stdout) as Array<{ name: string; filename: string; unpackedSize: number; files: Array<{ path: string }> }>;
  if (entry === undefined) throw new Error(`npm pack printed nothing for ${dir}`);
  return { name: entry.name, tarball: join(destination, entry.filename), unpackedSize: entry.unpackedSize, files: entry.files.map((f) => f.path).sort() };
}

/** A fresh project in `dir` with the fixture's files copied in and the given tarballs installed offline. */
export function createProject(dir: string, options: { readonly fixture: string; readonly dependencies: readonly string[]; readonly devDependencies?: readonly string[] }): string {
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'test-fixtures', 'packages', options.fixture), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${options.fixture}`, version: '1.0.0', private: true }, undefined, 2)}\n`);
  const cache = `${dir}.npm-cache`; // outside the project, so that nothing lints or ships it
  const install = ['install', '--offline', '--cache', cache, '--legacy-peer-deps', '--no-audit', '--no-fund', '--no-package-lock'];
  runOk(NPM, [...install, ...options.dependencies], { cwd: dir });
  if (options.devDependencies !== undefined) runOk(NPM, [...install, '--save-dev', ...options.devDependencies], { cwd: dir });
  return dir;
}

/** Links packages the user would install next to ours from this repository's node_modules. */
export function linkFromRepository(project: string, names: readonly string[]): void {
  for (const name of names) {
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'junction');
  }
}

/** Runs a bin installed in the project through `npx`, as a user types it. */
export function npx(project: string, args: readonly string[], env?: NodeJS.ProcessEnv): CommandResult {
  return run(NPX, ['--no', ...args], { cwd: project, env: env ?? cleanEnv() });
}

/** One compiler error as `tsc --pretty false` prints it, continuation lines joined to the message. */
export interface TscDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** Type-checks the project with its TypeScript (`tsc -p <config>`); returns the exit status and the errors. */
export function typecheck(project: string, config: string): { readonly status: number | null; readonly diagnostics: readonly TscDiagnostic[] } {
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: project });
  return { status: r.status, diagnostics: parseTscOutput(r.stdout) };
}

/** Parses `file(line,col): error TSnnnn: message` lines and their indented continuation lines. */
export function parseTscOutput(text: string): TscDiagnostic[] {
  const diagnostics: Array<{ file: string; line: number; code: string; message: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^(.+)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    const last = diagnostics.at(-1);
    if (m !== null) diagnostics.push({ file: m[1] ?? '', line: Number(m[2]), code: m[3] ?? '', message: m[4] ?? '' });
    else if (last !== undefined && line.startsWith('  ')) last.message += `\n${line.trim()}`;
  }
  return diagnostics;
}
