import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStatscopeTypes } from '../workspace-files';
import { LintSession } from './lint-session';

const STATS = [
  "import { counter, defineStats, histogram } from 'statscope';",
  "export const stats = defineStats('shop', {",
  "  orders: counter({ description: 'Orders', labels: ['region'] }),",
  "  latency: histogram({ description: 'Latency', unit: 'ms' }),",
  '});',
].join('\n');
const USE = "import { stats } from './stats';\nstats.refunds.inc();\nstats.orders.inc({ regoin: 'eu' });\n";

function severities(besideTypeScript: boolean, ext: 'ts' | 'js'): string[] {
  const session = new LintSession({ root: '/w', besideTypeScript });
  session.load(`/w/stats.${ext}`, STATS, true);
  session.load(`/w/use.${ext}`, USE, true);
  const pick = (file: string, rule: string): string[] => (session.diagnostics(file) ?? []).filter((d) => d.ruleId === rule).map((d) => `${rule}:${d.severity}`);
  return [...pick(`/w/stats.${ext}`, 'metric-base-unit'), ...pick(`/w/use.${ext}`, 'undeclared-metric'), ...pick(`/w/use.${ext}`, 'label-mismatch')];
}

describe('findings TypeScript reports too', () => {
  it('are hints beside TypeScript in .ts files, keeping their quick fixes', () => {
    assert.deepEqual(severities(true, 'ts'), ['metric-base-unit:hint', 'undeclared-metric:hint', 'label-mismatch:hint']);
    const session = new LintSession({ root: '/w', besideTypeScript: true });
    session.load('/w/stats.ts', STATS, true);
    assert.ok(session.diagnostics('/w/stats.ts')?.find((d) => d.ruleId === 'metric-base-unit')?.fix, 'the conversion fix is still offered');
  });

  it('keep their severity in JavaScript, and where TypeScript is not shown (the CLI)', () => {
    assert.deepEqual(severities(true, 'js'), ['metric-base-unit:warning', 'undeclared-metric:error', 'label-mismatch:error']);
    assert.deepEqual(severities(false, 'ts'), ['metric-base-unit:warning', 'undeclared-metric:error', 'label-mismatch:error']);
  });

  it('apply only where statscope is installed with its type declarations', async () => {
    const root = mkdtempSync(join(tmpdir(), 'statscope-types-'));
    try {
      assert.equal(await hasStatscopeTypes(root), false);
      mkdirSync(join(root, 'node_modules', 'statscope'), { recursive: true });
      writeFileSync(join(root, 'node_modules', 'statscope', 'package.json'), JSON.stringify({ name: 'statscope', main: 'index.js' }));
      assert.equal(await hasStatscopeTypes(root), false);
      writeFileSync(join(root, 'node_modules', 'statscope', 'package.json'), JSON.stringify({ name: 'statscope', types: './dist/index.d.ts' }));
      assert.equal(await hasStatscopeTypes(root), true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
