/**
 * The npm packages as users get them: builds `statscope` and `@statscope/cli` into a staging folder
 * (scripts/packages/build.mjs --stage), packs them, installs the tarballs into fresh projects in a
 * temporary folder (offline, see consumer-project.ts) and uses them there. It takes about 20 s, so
 * `npm test` runs it as a step of its own after the unit tests: node scripts/test.mjs "npm packages".
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, createProject, linkFromRepository, npx, pack, ROOT, run, runOk, typecheck } from './consumer-project';
import type { PackedPackage } from './consumer-project';

/** Unpacked size budget of the runtime package. */
const MAX_RUNTIME_BYTES = 1_000_000;

const RUNTIME_FILES = [
  'LICENSE',
  'README.md',
  'TRACING.md',
  'dist/esm-resolve-hook-api.mjs',
  'dist/esm-resolve-hook.mjs',
  'dist/index.cjs',
  'dist/index.d.mts',
  'dist/index.d.ts',
  'dist/index.mjs',
  'dist/register.cjs',
  'package.json',
];
/** The Python runtime's modules the CLI carries for `statscope run -- python …`, listed from runtime/python/statscope. */
function pythonRuntimeFiles(dir = join(ROOT, 'runtime', 'python', 'statscope'), prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory() && entry.name !== '__pycache__') return pythonRuntimeFiles(join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.isFile() && entry.name.endsWith('.py') ? [`${prefix}${entry.name}`] : [];
  });
}
const CLI_FILES = ['LICENSE', 'README.md', 'dist/statscope.cjs', ...pythonRuntimeFiles().map((f) => `dist/python/statscope/${f}`), 'package.json'].sort();

describe('npm packages, installed from their tarballs', function () {
  this.timeout(300_000);
  let temp = '';
  let runtime: PackedPackage;
  let cli: PackedPackage;
  let app = '';
  let ci = '';

  before(function () {
    temp = mkdtempSync(join(tmpdir(), 'statscope-packages-'));
    const stage = join(temp, 'stage');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'packages', 'build.mjs'), '--stage', stage], { cwd: ROOT, stdio: 'inherit' });
    runtime = pack(join(stage, 'runtime'), temp);
    cli = pack(join(stage, 'cli'), temp);
    app = createProject(join(temp, 'app'), { fixture: 'app', dependencies: [runtime.tarball] });
    linkFromRepository(app, ['@opentelemetry/api', 'typescript', '@types/node']);
    ci = createProject(join(temp, 'ci'), { fixture: 'ci', dependencies: [runtime.tarball], devDependencies: [cli.tarball] });
    linkFromRepository(ci, ['@opentelemetry/api']);
  });

  after(function () {
    if (temp !== '') rmSync(temp, { recursive: true, force: true });
  });

  it(`statscope holds the bundles, declarations and docs only (no TypeScript compiler), within ${MAX_RUNTIME_BYTES / 1_000_000} MB`, function () {
    console.log(`      statscope: ${(runtime.unpackedSize / 1000).toFixed(0)} kB unpacked, ${runtime.files.length} files`);
    assert.deepEqual(runtime.files, RUNTIME_FILES);
    assert.ok(runtime.unpackedSize <= MAX_RUNTIME_BYTES, `statscope is ${runtime.unpackedSize} bytes unpacked`);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'statscope', 'package.json'), 'utf8')) as { bin?: unknown; dependencies?: unknown };
    assert.equal(manifest.bin, undefined, 'the runtime has no bin');
    assert.equal(manifest.dependencies, undefined, 'the runtime depends on nothing but its peers');
    for (const file of runtime.files.filter((f) => /\.[cm]js$/.test(f))) {
      const text = readFileSync(join(app, 'node_modules', 'statscope', file), 'utf8');
      assert.doesNotMatch(text, /\bcreateSourceFile\b/, `${file} carries the TypeScript compiler`);
    }
  });

  it('@statscope/cli holds the command bundle and the Python runtime\'s modules only, and depends on statscope', function () {
    console.log(`      @statscope/cli: ${(cli.unpackedSize / 1000).toFixed(0)} kB unpacked, ${cli.files.length} files`);
    assert.deepEqual(cli.files, CLI_FILES);
    const manifest = JSON.parse(readFileSync(join(ci, 'node_modules', '@statscope', 'cli', 'package.json'), 'utf8')) as { bin?: unknown; dependencies?: unknown };
    assert.deepEqual(manifest.bin, { statscope: './dist/statscope.cjs' });
    assert.deepEqual(manifest.dependencies, { statscope: '0.1.0' });
  });

  it('a strict TypeScript project compiles against the declarations (require and import)', function () {
    const { status, diagnostics } = typecheck(app, 'tsconfig.json');
    assert.deepEqual(diagnostics, []);
    assert.equal(status, 0);
  });

  it('a wrong label key, a missing label and observe(string) are compile errors', function () {
    const { status, diagnostics } = typecheck(app, 'tsconfig.errors.json');
    assert.equal(status, 2);
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.code]),
      [
        ['errors/label-errors.ts', 8, 'TS2353'],
        ['errors/label-errors.ts', 9, 'TS2345'],
        ['errors/label-errors.ts', 10, 'TS2345'],
      ],
    );
    const [unknownKey, missing, notNumber] = diagnostics.map((d) => d.message);
    assert.match(unknownKey ?? '', /'colour' does not exist in type 'LabelValues<"(region|status)" \| "(region|status)">'/);
    assert.match(missing ?? '', /Property 'status' is missing in type '\{ region: string; \}'/);
    assert.match(notNumber ?? '', /Argument of type 'string' is not assignable to parameter of type 'number'/);
  });

  it('require and import load the library; without the preload no SDK runs', function () {
    for (const program of ['app.cjs', 'app.mjs']) {
      const { stdout } = runOk(process.execPath, [program], { cwd: app });
      assert.equal(stdout, 'recording=false\nshop_orders_total{region="eu"} 1\n', program);
    }
  });

  it('--require and --import statscope/register start the bundled SDK', function () {
    const env = cleanEnv({ OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'packaged' });
    for (const [flag, program] of [['--require', 'app.cjs'], ['--import', 'app.mjs']] as const) {
      const { stdout } = runOk(process.execPath, [flag, 'statscope/register', program], { cwd: app, env });
      assert.match(stdout, /^recording=true\nshop_orders_total\{region="eu"\} 1\n/, `${flag} ${program}`);
      assert.match(stdout, /name: 'checkout'/, `${flag} ${program}: the console exporter printed the span`);
      assert.match(stdout, /'service\.name': 'packaged'/, `${flag} ${program}`);
    }
  });

  it('npx statscope lint reports with the installed CLI', function () {
    const { status, stdout, stderr } = npx(ci, ['statscope', 'lint', '--format', 'json', '--max-warnings', '0']);
    assert.equal(status, 1, stderr);
    // Cast: the JSON format's documented shape (one entry per file).
    const files = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
    assert.deepEqual(
      files.flatMap((f) => f.messages.map((m) => [f.filePath, m.ruleId, m.line])),
      [['src/checkout.js', 'unused-metric', 5]],
    );
  });

  it('npx statscope run traces a program with the installed preload; statscope view and diff read the run file', function () {
    const traced = npx(ci, ['statscope', 'run', '--out', 'run.jsonl', '--', 'node', 'src/checkout.js']);
    assert.equal(traced.status, 0, traced.stderr);
    assert.doesNotMatch(traced.stderr, /preload .* was not found/);
    assert.match(traced.stderr, /^└─ checkout {2}\d/m);
    assert.match(traced.stderr, /^shop_orders_total +region=eu +counter +1 +1 /m);
    const viewed = npx(ci, ['statscope', 'view', 'run.jsonl']);
    assert.equal(viewed.status, 0, viewed.stderr);
    assert.match(viewed.stdout, /^run\.jsonl: 1 span in 1 trace, 2 metric series, 0 log records$/m);
    assert.match(viewed.stdout, /^└─ checkout {2}\d/m);
    assert.match(viewed.stdout, /^shop_orders_total +region=eu +counter +1 +1 /m);
    const diffed = npx(ci, ['statscope', 'diff', 'run.jsonl', 'run.jsonl', '--fail-on', 'p95:+20%,errors:+1']);
    assert.equal(diffed.status, 0, diffed.stderr);
    assert.match(diffed.stdout, /^checkout +1 → 1 /m);
    assert.equal(npx(ci, ['statscope', 'diff', 'run.jsonl', 'missing.jsonl']).status, 2);
    const help = run(process.execPath, [join(ci, 'node_modules', '.bin', 'statscope'), '--help'], { cwd: ci });
    assert.match(help.stdout, /^ {2}view /m);
    assert.match(help.stdout, /^ {2}diff /m);
  });

  it('npx statscope run -- python3 traces a Python program with the Python runtime the CLI carries', function () {
    writeFileSync(join(ci, 'predict.py'), 'from statscope import span\nwith span("predict"):\n    print("predicted")\n');
    const traced = npx(ci, ['statscope', 'run', '--', 'python3', 'predict.py']);
    assert.equal(traced.status, 0, traced.stderr);
    assert.match(traced.stdout, /predicted/);
    assert.doesNotMatch(traced.stderr, /Python runtime .* was not found/);
    assert.match(traced.stderr, /^statscope: 1 span in 1 trace,/m);
    assert.match(traced.stderr, /^└─ predict {2}\d/m);
  });

  it('npx statscope generate prints rules and a dashboard from the installed CLI', function () {
    const rules = npx(ci, ['statscope', 'generate', 'prometheus-rules', 'src']);
    assert.equal(rules.status, 0, rules.stderr);
    assert.match(rules.stdout, /^ {6}- record: job:shop_orders:rate5m\n {8}expr: sum by \(job, region\) \(rate\(shop_orders_total\[5m\]\)\)$/m);
    const dashboard = npx(ci, ['statscope', 'generate', 'grafana']);
    assert.equal(dashboard.status, 0, dashboard.stderr);
    assert.equal((JSON.parse(dashboard.stdout) as { title: string }).title, 'Statscope: shop');
  });
});
