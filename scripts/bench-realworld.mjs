// Lints real repositories as a user would and prints, per repository, the files, lines, seconds, peak RSS
// and findings per rule; with --out, writes every finding for classification (docs/lint-precision.md).
//   npm run bench:realworld -- <dir with checkouts> [--out findings.json] [--cli cli/dist/statscope.cjs]
// Each checkout is a folder named after its repository; the lint paths of the measured repositories are
// below, any other folder is linted at `src` (or whole).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

/** Lint paths per repository folder, as in the precision study (globs: `*` for one folder level). */
const LINT_PATHS = {
  unleash: ['src'],
  lodestar: ['packages/*/src'],
  'js-libp2p': ['packages/*/src'],
  'opentelemetry-js-contrib': ['packages/*/src'],
  ai: ['packages/*/src'],
};

const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
};
const dir = args.find((a, i) => !a.startsWith('--') && !['--out', '--cli'].includes(args[i - 1] ?? ''));
if (dir === undefined) {
  process.stderr.write('usage: npm run bench:realworld -- <dir with checkouts> [--out findings.json] [--cli <statscope cli>]\n');
  process.exit(2);
}
const cli = resolve(valueOf('--cli') ?? join(ROOT, 'cli', 'dist', 'statscope.cjs'));
if (!existsSync(cli)) {
  process.stderr.write(`the CLI ${cli} is missing: build it with \`node esbuild.mjs\`\n`);
  process.exit(2);
}
const rssHook = join(ROOT, 'scripts', 'lib', 'report-max-rss.cjs');

const repos = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort();
const all = [];
let crashed = 0;
for (const name of repos) {
  const root = resolve(dir, name);
  const paths = expand(root, LINT_PATHS[name] ?? (existsSync(join(root, 'src')) ? ['src'] : ['.']));
  const result = await lintOnce(root, paths);
  const files = JSON.parse(result.stdout || '[]');
  let lines = 0;
  for (const f of files) lines += countLines(join(root, f.filePath));
  const byRule = new Map();
  for (const f of files) {
    for (const m of f.messages) {
      byRule.set(m.ruleId ?? 'fatal', (byRule.get(m.ruleId ?? 'fatal') ?? 0) + 1);
      all.push({ repo: name, file: f.filePath, line: m.line, column: m.column, rule: m.ruleId ?? 'fatal', message: m.message });
    }
  }
  const failures = result.stderr.split('\n').filter((l) => l.startsWith('statscope lint:'));
  if (result.code === 2) crashed++;
  const total = [...byRule.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`\n${name}: ${files.length} files, ${lines} lines, ${result.seconds.toFixed(1)} s, peak RSS ${Math.round(result.maxRssKb / 1024)} MB, ${total} findings, exit ${result.code}\n`);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(n).padStart(5)}  ${rule}\n`);
  for (const f of failures) process.stdout.write(`  FAILURE ${f}\n`);
}
process.stdout.write(`\n${repos.length} repositories, ${all.length} findings, ${crashed} with rule failures\n`);
const out = valueOf('--out');
if (out !== undefined) writeFileSync(out, `${JSON.stringify(all, null, 1)}\n`);
process.exit(crashed > 0 ? 1 : 0);

/** Runs `statscope lint --format json` at the repository root; wall time and the child's peak RSS. */
function lintOnce(cwd, paths) {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', rssHook, cli, 'lint', ...paths, '--format', 'json'], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const chunks = { stdout: [], stderr: [], rss: [] };
    child.stdout.on('data', (c) => chunks.stdout.push(c));
    child.stderr.on('data', (c) => chunks.stderr.push(c));
    child.stdio[3].on('data', (c) => chunks.rss.push(c));
    child.on('close', (code) => {
      done({
        code,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        stdout: Buffer.concat(chunks.stdout).toString('utf8'),
        stderr: Buffer.concat(chunks.stderr).toString('utf8'),
        maxRssKb: Number(Buffer.concat(chunks.rss).toString('utf8')) || 0,
      });
    });
  });
}

/** Expands `a/*\/b` patterns against the checkout (one folder level per `*`). */
function expand(root, patterns) {
  const out = [];
  for (const pattern of patterns) {
    let candidates = [''];
    for (const part of pattern.split('/')) {
      candidates = candidates.flatMap((base) => {
        if (part !== '*') return [join(base, part)];
        const abs = join(root, base);
        return existsSync(abs) ? readdirSync(abs).filter((n) => statSync(join(abs, n)).isDirectory()).map((n) => join(base, n)) : [];
      });
    }
    out.push(...candidates.filter((c) => existsSync(join(root, c))));
  }
  return out;
}

function countLines(path) {
  try {
    const text = readFileSync(path, 'utf8');
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}
