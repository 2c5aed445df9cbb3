#!/usr/bin/env node
// Runs every compiled benchmark (`out/**/bench/*.bench.js`) in its own `node --expose-gc` process, prints
// the machine, Node and package versions and a ratio table, and writes the results to docs/benchmarks.md.
//
//   npm run bench [-- --quick] [-- --file metrics] [-- --case scrape] [-- --no-write] [-- --check]
//
//   --quick       fewer, shorter rounds (a smoke run; numbers are noisier)
//   --file <s>    only bench files whose path contains <s>
//   --case <s>    only cases whose id contains <s> (passed to the benches as STATSCOPE_BENCH_FILTER)
//   --no-write    print only, leave docs/benchmarks.md alone (otherwise the sections of the bench files
//                 that ran are replaced; other sections are kept)
//   --check       exit 1 when a stated target does not hold
//
// Adding a benchmark: put `<name>.bench.ts` in a `bench/` folder of any TypeScript project (runtime/bench,
// server/bench, client/bench, ...) so `tsc -b` emits `out/<project>/bench/<name>.bench.js`. The driver
// finds it by that name. Protocol (runtime/bench/harness.ts implements it): write one JSON report to the
// file named by STATSCOPE_BENCH_RESULT_FILE, shaped
//   { suite, packages: [npm names], settings: {..}, cases: [{ id, title, unit, baseline,
//     results: { contender: value }, targets: [{ against, minRatio, wording }], notes: [..] }] }
// where every unit is "lower is better" and ratio = results[against] / results[baseline]. Honour
// STATSCOPE_BENCH_QUICK=1 (also passed as --quick). A bench that writes no report still runs: its output
// is shown as is, and a non-zero exit fails the run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, arch, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const fileFilter = option('--file') ?? '';
const caseFilter = option('--case') ?? '';

/** Every `*.bench.js` under out/, skipping node_modules. */
function findBenches(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules') return [];
    if (statSync(path).isDirectory()) return findBenches(path);
    return entry.endsWith('.bench.js') && dirname(path).split(/[\\/]/).includes('bench') ? [path] : [];
  });
}

function packageVersion(name) {
  if (name === 'statscope') return JSON.parse(readFileSync(join(ROOT, 'runtime', 'package.json'), 'utf8')).version;
  const file = join(ROOT, 'node_modules', ...name.split('/'), 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : 'not installed';
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

/** Runs one bench file; resolves with its report (or undefined) and its output. */
function runBench(file) {
  const resultFile = join(tmpdir(), `statscope-bench-${process.pid}-${Date.now()}.json`);
  const env = { ...process.env, STATSCOPE_BENCH_RESULT_FILE: resultFile, ...(quick ? { STATSCOPE_BENCH_QUICK: '1' } : {}), ...(caseFilter ? { STATSCOPE_BENCH_FILTER: caseFilter } : {}) };
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', file, ...(quick ? ['--quick'] : [])], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      let report;
      if (existsSync(resultFile)) {
        try {
          report = JSON.parse(readFileSync(resultFile, 'utf8'));
        } catch (error) {
          process.stderr.write(`  ${relative(ROOT, file)}: unreadable report: ${error.message}\n`);
        }
        rmSync(resultFile, { force: true });
      }
      resolve({ file, code, report, stdout, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const fmt = (v) => (v === undefined || Number.isNaN(v) ? '–' : v >= 1000 ? v.toFixed(0) : v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3));
const ratio = (r) => (r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);

/** Rows for one case: contender | value | ratio vs baseline | target | status. */
function caseRows(c) {
  const base = c.results[c.baseline];
  return Object.entries(c.results).map(([name, value]) => {
    const target = (c.targets ?? []).find((t) => t.against === name);
    const r = name === c.baseline ? undefined : value / base;
    const held = target ? r >= target.minRatio : undefined;
    return { name, value, ratio: r, target, held };
  });
}

function printReport(report, result) {
  console.log(`\n${report.suite}  (${relative(ROOT, result.file)}, ${result.seconds.toFixed(0)} s)`);
  for (const c of report.cases) {
    console.log(`\n  ${c.title}  [${c.unit}, lower is better]`);
    for (const row of caseRows(c)) {
      const status = row.held === undefined ? '' : row.held ? '  ok' : '  MISSED';
      const ratioText = row.ratio === undefined ? 'baseline' : `${ratio(row.ratio)} ${c.baseline} advantage`;
      console.log(`    ${row.name.padEnd(28)} ${fmt(row.value).padStart(10)}   ${ratioText.padEnd(34)}${row.target ? `target: ${row.target.wording}` : ''}${status}`);
    }
    for (const note of c.notes ?? []) console.log(`    · ${note}`);
  }
}

const SECTION = (id) => [`<!-- bench:${id} -->`, `<!-- /bench:${id} -->`];

/** The markdown section of one bench file (kept between markers so partial runs update only theirs). */
function section(result, info, load) {
  const rel = relative(ROOT, result.file);
  const [open, close] = SECTION(rel);
  const when = `Run ${new Date().toISOString()}${quick ? ' (quick mode: fewer rounds, noisier)' : ''} on ${info.cpu} × ${info.cores}, Node ${info.node}; load average ${load.before} → ${load.after}.`;
  const lines = [open];
  if (!result.report) {
    lines.push(`## ${rel}`, '', when, '', `Exit code ${result.code}; this bench writes no report, its output follows.`, '', '```', result.stdout.trim(), '```', close);
    return lines.join('\n');
  }
  const r = result.report;
  lines.push(`## ${r.suite}`, '', `\`${rel}\` — ${Object.entries(r.settings ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ')}`, '', when, '');
  lines.push('| case | unit | contender | value | ratio | target | holds |', '| --- | --- | --- | ---: | ---: | --- | --- |');
  for (const c of r.cases) {
    for (const [i, row] of caseRows(c).entries()) {
      lines.push(`| ${i === 0 ? c.title : ''} | ${i === 0 ? c.unit : ''} | ${row.name} | ${fmt(row.value)} | ${row.ratio === undefined ? 'baseline' : ratio(row.ratio)} | ${row.target?.wording ?? ''} | ${row.held === undefined ? '' : row.held ? 'yes' : '**no**'} |`);
    }
  }
  const notes = r.cases.flatMap((c) => (c.notes ?? []).map((n) => `- *${c.title}*: ${n}`));
  if (notes.length > 0) lines.push('', 'Notes:', '', ...notes);
  const missed = missedTargets([result]);
  lines.push('', missed.length === 0 ? 'Every stated target held in this run.' : `Targets missed in this run:\n\n${missed.map((m) => `- ${m}`).join('\n')}`, close);
  return lines.join('\n');
}

function missedTargets(results) {
  return results.flatMap((r) => (r.report?.cases ?? []).flatMap((c) => caseRows(c).filter((row) => row.held === false).map((row) => `${c.title} vs ${row.name}: ${ratio(row.ratio)} (target ${row.target.wording})`)));
}

/** docs/benchmarks.md: the header, then one section per bench file; sections of files not run now are kept. */
function markdown(previous, results, info, versions, load) {
  const header = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (scripts/bench.mjs); do not edit by hand. Every ratio compares contenders measured',
    'in the same process and the same run: **ratio = contender ÷ baseline** for units where lower is better, so',
    '"20×" means the baseline (statscope) needs 1/20 of the time (or memory). A partial run (`--file`, `--case`)',
    'replaces only the sections it ran.',
    '',
    '## Machine and versions (latest run)',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${info.cpu} × ${info.cores} cores |`,
    `| memory | ${info.memory} |`,
    `| OS | ${info.os} |`,
    `| Node.js | ${info.node} (V8 ${info.v8}) |`,
    ...Object.entries(versions).map(([name, version]) => `| ${name} | ${version} |`),
    '',
  ].join('\n');
  const sections = new Map();
  for (const m of previous.matchAll(/<!-- bench:(.+?) -->[\s\S]*?<!-- \/bench:\1 -->/g)) sections.set(m[1], m[0]);
  for (const result of results) {
    // A case-filtered run is partial: keep the full section from before when there was one.
    const rel = relative(ROOT, result.file);
    if (caseFilter && sections.has(rel)) continue;
    sections.set(rel, section(result, info, load));
  }
  return `${header}\n${[...sections.keys()].sort().map((k) => sections.get(k)).join('\n\n')}\n`;
}

async function main() {
  const benches = findBenches(join(ROOT, 'out')).filter((f) => relative(ROOT, f).includes(fileFilter)).sort();
  if (benches.length === 0) {
    console.error('No compiled benchmarks found under out/**/bench/*.bench.js. Run `npm run compile` (tsc -b) first.');
    process.exit(1);
  }
  const info = machine();
  const load = { before: loadavg()[0].toFixed(2), after: '' };
  console.log(`statscope benchmarks — ${info.cpu} × ${info.cores} cores, ${info.memory}, ${info.os}, Node ${info.node}${quick ? ' (quick)' : ''}`);
  console.log(`load average before: ${load.before}`);
  for (const file of benches) {
    const source = join(ROOT, relative(join(ROOT, 'out'), file).replace(/\.js$/, '.ts'));
    if (existsSync(source) && statSync(source).mtimeMs > statSync(file).mtimeMs) console.warn(`warning: ${relative(ROOT, file)} is older than its source; run \`npm run compile\``);
  }
  const results = [];
  for (const file of benches) {
    console.error(`running ${relative(ROOT, file)} ...`);
    const result = await runBench(file);
    results.push(result);
    if (result.report) printReport(result.report, result);
    else console.log(`\n${relative(ROOT, file)} (no report, exit ${result.code})\n${result.stdout.trim()}`);
  }
  load.after = loadavg()[0].toFixed(2);
  const names = new Set(['statscope']);
  for (const r of results) for (const p of r.report?.packages ?? []) names.add(p);
  const versions = Object.fromEntries([...names].map((n) => [n, packageVersion(n)]));
  console.log(`\nversions: ${Object.entries(versions).map(([n, v]) => `${n} ${v}`).join(', ')}; node ${info.node}; load average after: ${load.after}`);
  const missed = missedTargets(results);
  if (missed.length > 0) console.log(`\ntargets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
  else console.log('\nall stated targets held');
  if (!flag('--no-write')) {
    const file = join(ROOT, 'docs', 'benchmarks.md');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, markdown(existsSync(file) ? readFileSync(file, 'utf8') : '', results, info, versions, load));
    console.log(`wrote docs/benchmarks.md${caseFilter ? ' (a --case run does not replace an existing section)' : ''}`);
  }
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length > 0) {
    console.error(`failed: ${failed.map((r) => relative(ROOT, r.file)).join(', ')}`);
    process.exitCode = 1;
  }
  if (flag('--check') && missed.length > 0) process.exitCode = 1;
}

await main();
