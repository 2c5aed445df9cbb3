// `npm test`: type check, lint, bundles, unit and integration tests, the npm packages, package, then end-to-end tests in a real
// VS Code extension host. Stops at the first failing step; ends with one `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const unitSummary = join(results, 'unit-summary.json');
const packagesSummary = join(results, 'packages-summary.json');
const e2eResults = join(results, 'e2e', 'results.json');
rmSync(unitSummary, { force: true });
rmSync(packagesSummary, { force: true });
rmSync(e2eResults, { force: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  { name: 'type check', cmd: bin('tsc'), args: ['-b'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  // The bundles (runtime preload, CLI) are what the integration tests run programs with.
  { name: 'build bundles', cmd: process.execPath, args: [join(root, 'esbuild.mjs')] },
  { name: 'unit and integration tests', cmd: bin('mocha'), args: ['--reporter', join(root, 'scripts/lib/summary-reporter.cjs')], env: { STATSCOPE_TEST_SUMMARY: unitSummary } },
  // Builds statscope and @statscope/cli into a temporary folder, packs them and uses them from fresh projects.
  { name: 'npm packages', cmd: bin('mocha'), args: ['--no-config', '--enable-source-maps', '--timeout', '300000', '--reporter', join(root, 'scripts/lib/summary-reporter.cjs'), join(root, 'out/scripts/packages/packages.test.js')], env: { STATSCOPE_TEST_SUMMARY: packagesSummary } },
  { name: 'package', cmd: process.execPath, args: [join(root, 'scripts/package.mjs')] },
  { name: 'end-to-end tests (VS Code host)', cmd: process.execPath, args: [join(root, 'scripts/e2e/run.mjs')] },
];

const only = process.argv.slice(2);
let failedStep;
for (const step of steps) {
  if (only.length > 0 && !only.some((o) => step.name.startsWith(o))) continue;
  const started = Date.now();
  console.log(`\n=== ${step.name}`);
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  console.log(`=== ${step.name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    failedStep = step.name;
    break;
  }
}

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 0 });
const unit = read(unitSummary);
const packages = read(packagesSummary);
const e2e = read(e2eResults);
const passed = (unit.passed ?? 0) + (packages.passed ?? 0) + (e2e.passed ?? 0);
const failedTests = (unit.failed ?? 0) + (packages.failed ?? 0) + (e2e.failed ?? 0);
const failed = failedTests + (failedStep && failedTests === 0 ? 1 : 0);
console.log(`\nunit: ${unit.passed ?? 0} passed, ${unit.failed ?? 0} failed; npm packages: ${packages.passed ?? 0} passed, ${packages.failed ?? 0} failed; e2e: ${e2e.passed ?? 0} passed, ${e2e.failed ?? 0} failed`);
if (failedStep) console.log(`failed step: ${failedStep}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
