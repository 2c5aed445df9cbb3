/**
 * The generated dashboard: its panels and queries, and its validity against Grafana's published dashboard schema.
 *
 * Schema: Grafana publishes its dashboard schema as CUE kinds compiled to TypeScript, in `@grafana/schema`
 * (`Dashboard`, the panel plugins' `Options`); no JSON Schema ships in npm. The test therefore type-checks the
 * generated JSON with the TypeScript compiler: the dashboard against `Dashboard`, each time series and heatmap
 * panel's options against its plugin's `Options`, and every query against the Prometheus query type of Grafana's
 * `@grafana/grafana-foundation-sdk` (`@grafana/schema` has none). Object literals get excess-property checks, so an
 * unknown or misspelled key fails as well as a wrong type. String enums are compared by their values (`Json<T>`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { stringify } from 'yaml';
import { declaredComponents } from './declared-components';
import { factsOf, HOSTILE_SOURCE, QUEUE_SOURCE } from './fixture-declarations';
import { grafanaDashboard } from './grafana-dashboard';
import type { DashboardJson } from './grafana-dashboard';
import { ensureDebianPackages } from './test-packages';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

const PRELUDE = `
import type { Dashboard } from '@grafana/schema';
import type { Options as TimeSeriesOptions } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import type { Options as HeatmapOptions } from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type { Dataquery } from '@grafana/grafana-foundation-sdk/prometheus';
/** A type as JSON writes it: string enums by their values. */
type Json<T> = T extends string ? \`\${T}\` : T extends number | boolean | null | undefined ? T : T extends readonly (infer E)[] ? Json<E>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type PrometheusQuery = Json<Omit<Dataquery, '_implementsDataqueryVariant'>>;
`;

/** TypeScript's errors for the dashboard, or [] when it matches the schema. */
function schemaErrors(dashboard: DashboardJson): string[] {
  const panels = (dashboard['panels'] as Record<string, unknown>[]).filter((p) => p['type'] !== 'row');
  const of = (type: string) => panels.filter((p) => p['type'] === type);
  const source = `${PRELUDE}
export const dashboard: Json<Dashboard> = ${JSON.stringify(dashboard)};
export const timeseries: Json<TimeSeriesOptions>[] = ${JSON.stringify(of('timeseries').map((p) => p['options']))};
export const heatmaps: Json<HeatmapOptions>[] = ${JSON.stringify(of('heatmap').map((p) => p['options']))};
export const queries: PrometheusQuery[] = ${JSON.stringify(panels.flatMap((p) => p['targets'] as unknown[]))};
`;
  // Inside the repository, so the compiler resolves the packages from its node_modules.
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'out', 'grafana-schema-'));
  try {
    const file = join(dir, 'dashboard.ts');
    writeFileSync(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * promtool's verdict on every query of the dashboard (and its variables), Grafana's variables filled in: each
 * query becomes a recording rule, which `promtool check rules` parses as PromQL.
 */
function promqlCheck(dashboard: DashboardJson): { status: number | null; output: string; queries: number } {
  const fill = (expr: string): string => expr.replace(/\$__rate_interval/g, '5m').replace(/\$[a-zA-Z_][a-zA-Z0-9_]*/g, '.*');
  const panels = dashboard['panels'] as { targets?: { expr: string }[] }[];
  const queries = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const variables = (dashboard['templating'] as { list: { query: unknown }[] }).list.flatMap((v) => {
    const query = (v.query as { query?: string } | undefined)?.query;
    // label_values(selector, label) is Grafana's; its selector is PromQL.
    const selector = query === undefined ? undefined : /^label_values\((.*), [a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(query)?.[1];
    return selector === undefined ? [] : [selector];
  });
  const all = [...queries, ...variables].map(fill);
  const dir = mkdtempSync(join(tmpdir(), 'statscope-promql-'));
  try {
    writeFileSync(join(dir, 'queries.yaml'), stringify({ groups: [{ name: 'dashboard', rules: all.map((expr, i) => ({ record: `query_${i}`, expr })) }] }));
    const r = spawnSync('promtool', ['check', 'rules', 'queries.yaml'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}`, queries: all.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Panel = Record<string, unknown> & { targets?: { expr: string; exemplar?: boolean; legendFormat: string }[] };

describe('generated Grafana dashboard', function () {
  this.timeout(60_000);
  const { components } = declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE }));
  const dashboard = grafanaDashboard(components);
  const panels = dashboard['panels'] as Panel[];
  const titled = (title: string): Panel | undefined => panels.find((p) => p['title'] === title);

  it('has a row per component and a template variable per label', () => {
    assert.deepEqual(
      panels.filter((p) => p['type'] === 'row').map((p) => p['title']),
      ['queue'],
    );
    const variables = (dashboard['templating'] as { list: { name: string; query: unknown }[] }).list;
    assert.deepEqual(
      variables.map((v) => v.name),
      ['datasource', 'queue', 'status'],
    );
    assert.match(JSON.stringify(variables[1]?.query), /label_values\(\{__name__=~\\"queue_jobs_total\|queue_wait_seconds_count\|queue_depth\\"\}, queue\)/);
  });

  it('draws counters as rates by their labels, with their description', () => {
    const jobs = titled('jobs: rate');
    assert.equal(jobs?.targets?.[0]?.expr, 'sum by (queue, status) (rate(queue_jobs_total{queue=~"$queue",status=~"$status"}[$__rate_interval]))');
    assert.equal(jobs?.targets?.[0]?.legendFormat, '{{queue}} {{status}}');
    assert.equal(jobs?.['description'], 'Jobs processed');
  });

  it('draws histograms as quantiles with exemplars, the objective as a line, and a heatmap, in the declared unit', () => {
    const wait = titled('wait: p50 / p95 / p99');
    assert.deepEqual(
      wait?.targets?.map((t) => [t.expr, t.exemplar]),
      [0.5, 0.95, 0.99].map((phi) => [`histogram_quantile(${phi}, sum by (le, queue) (rate(queue_wait_seconds_bucket{queue=~"$queue"}[$__rate_interval])))`, true]),
    );
    const defaults = (wait?.['fieldConfig'] as { defaults: { unit: string; thresholds: { steps: { value: number | null }[] } } }).defaults;
    assert.equal(defaults.unit, 's');
    assert.deepEqual(
      defaults.thresholds.steps.map((s) => s.value),
      [null, 0.2],
    );
    const heatmap = titled('wait: distribution');
    assert.equal(heatmap?.['type'], 'heatmap');
    assert.equal(heatmap?.targets?.[0]?.exemplar, true);
  });

  it('draws gauges as values with their alert threshold', () => {
    const depth = titled('depth');
    assert.equal(depth?.targets?.[0]?.expr, 'queue_depth{queue=~"$queue"}');
    assert.match(JSON.stringify(depth?.['fieldConfig']), /"value":100/);
  });

  it("matches Grafana's published dashboard schema", () => {
    assert.deepEqual(schemaErrors(dashboard), []);
  });

  it('is still valid JSON and schema with hostile names, which stay text', () => {
    const hostile = grafanaDashboard(declaredComponents(factsOf({ '/w/hostile.ts': HOSTILE_SOURCE })).components);
    const text = JSON.stringify(hostile);
    assert.deepEqual(JSON.parse(text), hostile);
    assert.ok(text.includes(JSON.stringify('<script>alert("x")</script> {{ .Evil }} }} \\ \'q\' {a: [1]} \n# not a comment')));
    assert.deepEqual(schemaErrors(hostile), []);
  });

  it('asks only valid PromQL, hostile declarations included (promtool)', async () => {
    await ensureDebianPackages(['prometheus']);
    const both = grafanaDashboard(declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE, '/w/hostile.ts': HOSTILE_SOURCE })).components);
    const r = promqlCheck(both);
    assert.equal(r.status, 0, r.output);
    assert.ok(r.queries >= 12, `only ${r.queries} queries`);
    assert.match(r.output, new RegExp(`SUCCESS: ${r.queries} rules found`));
  });

  it('fails the schema check on a wrong type or an unknown key (the check is real)', () => {
    assert.match(schemaErrors({ ...dashboard, graphTooltip: 'shared' }).join('\n'), /'graphTooltip'|DashboardCursorSync/);
    assert.match(schemaErrors({ ...dashboard, refreshRate: '1m' }).join('\n'), /refreshRate/);
  });
});
