/**
 * The language-neutral exposition conformance set (test-fixtures/conformance/*.json), run against this
 * runtime. The Python runtime runs the same files (runtime/python/tests/test_conformance.py); both must
 * write the expected bytes. A fixture holds a list of operations (declare, record, move the clock, roll
 * windows) and the expected Prometheus text and OpenMetrics output as lists of lines; see README.md there.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { counter, createRegistry, gauge, histogram, parseConfig } from '../../src/index';
import type { SpanContext } from '@opentelemetry/api';
import type { AnyDeclaration, ExemplarSource, ExpositionFormat, HistogramOptions, MetricsRegistry, ParseConfigInput, StatsDeclarations } from '../../src/index';
import { repoRoot } from '../helpers';

/** A number in a fixture: JSON numbers, or the strings JSON cannot hold. */
type FixtureNumber = number | 'NaN' | '+Inf' | '-Inf' | '-0';

interface FixtureDeclaration {
  readonly kind: 'counter' | 'gauge' | 'histogram';
  readonly description?: string;
  readonly unit?: string;
  readonly labels?: readonly string[];
  readonly buckets?: readonly FixtureNumber[];
  readonly maxSeries?: number;
  readonly window?: { readonly seconds?: number; readonly slots?: number; readonly export?: boolean };
}

/** A record call made inside a sampled span with these ids, at this wall-clock time. */
interface FixtureExemplar {
  readonly traceId: string;
  readonly spanId: string;
  readonly timeMs: number;
}

type Operation =
  | { readonly op: 'declare'; readonly component: string; readonly metrics: Readonly<Record<string, FixtureDeclaration>> }
  | { readonly op: 'inc' | 'dec'; readonly metric: string; readonly labels?: Readonly<Record<string, string | number | boolean>>; readonly exemplar?: FixtureExemplar }
  | { readonly op: 'add' | 'set' | 'observe'; readonly metric: string; readonly value: FixtureNumber; readonly labels?: Readonly<Record<string, string | number | boolean>>; readonly exemplar?: FixtureExemplar }
  | { readonly op: 'advance'; readonly ms: number }
  | { readonly op: 'roll' };

interface Fixture {
  readonly description: string;
  readonly registry?: { readonly maxSeriesPerMetric?: number };
  readonly operations: readonly Operation[];
  readonly expected: Readonly<Record<ExpositionFormat, readonly string[]>>;
}

const SPECIAL: Readonly<Record<string, number>> = { NaN: Number.NaN, '+Inf': Infinity, '-Inf': -Infinity, '-0': -0 };

function numberOf(value: FixtureNumber): number {
  return typeof value === 'number' ? value : (SPECIAL[value] as number);
}

function declarationOf(d: FixtureDeclaration): AnyDeclaration {
  const options: { -readonly [K in keyof HistogramOptions<string>]: HistogramOptions<string>[K] } = { description: d.description as string };
  if (d.unit !== undefined) options.unit = d.unit as NonNullable<HistogramOptions<string>['unit']>;
  if (d.labels !== undefined) options.labels = d.labels;
  if (d.buckets !== undefined) options.buckets = d.buckets.map(numberOf);
  if (d.maxSeries !== undefined) options.maxSeries = d.maxSeries;
  if (d.window !== undefined) options.window = d.window;
  if (d.kind === 'counter') return counter(options);
  if (d.kind === 'gauge') return gauge(options);
  return histogram(options);
}

/** Loose view of a declared metric: the fixture decides which methods it calls. */
type Recorder = Record<string, (...args: unknown[]) => unknown>;

/** The exemplar source of a fixture: the span of the operation being run, if it names one. */
class FixtureExemplars implements ExemplarSource {
  readonly open = 1;
  timeMs = 0;
  span: SpanContext | undefined = undefined;
  active(): SpanContext | undefined {
    return this.span;
  }
  during(exemplar: FixtureExemplar | undefined): void {
    this.span = exemplar === undefined ? undefined : { traceId: exemplar.traceId, spanId: exemplar.spanId, traceFlags: 1 };
    this.timeMs = exemplar?.timeMs ?? 0;
  }
}

function run(fixture: Fixture): MetricsRegistry & { rollWindows(): void } {
  let now = 0;
  const exemplars = new FixtureExemplars();
  // Cast: createRegistry returns the concrete Registry, whose rollWindows() the fixtures drive.
  const registry = createRegistry({ clock: () => now, autoRollWindows: false, exemplars, ...fixture.registry }) as MetricsRegistry & { rollWindows(): void };
  const structs = new Map<string, Readonly<Record<string, unknown>>>();
  for (const op of fixture.operations) {
    if (op.op === 'declare') {
      const declarations: Record<string, AnyDeclaration> = {};
      for (const [key, d] of Object.entries(op.metrics)) declarations[key] = declarationOf(d);
      structs.set(op.component, registry.defineStats(op.component, declarations as StatsDeclarations) as Readonly<Record<string, unknown>>);
    } else if (op.op === 'advance') {
      now += op.ms;
    } else if (op.op === 'roll') {
      registry.rollWindows();
    } else {
      const [component = '', key = ''] = op.metric.split('.');
      const metric = structs.get(component)?.[key] as Recorder | undefined;
      assert.ok(metric !== undefined, `unknown metric ${op.metric}`);
      const target = op.labels === undefined ? metric : (metric['labels']?.(op.labels) as Recorder);
      const method = target[op.op] as (...args: unknown[]) => unknown;
      exemplars.during(op.exemplar);
      if ('value' in op) method.call(target, numberOf(op.value));
      else method.call(target);
      exemplars.during(undefined);
    }
  }
  return registry;
}

/** Debian's interpreter, which has `python3-prometheus-client` (the OpenMetrics reference parser) when installed. */
const DEBIAN_PYTHON = '/usr/bin/python3';
const OM_PARSE = 'import sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families\nlist(text_string_to_metric_families(sys.stdin.read()))';

/** Runs a validator on `input`; undefined when the tool is not installed. */
function check(command: string, args: readonly string[], input: string): { status: number | null; output: string } | undefined {
  const r = spawnSync(command, args, { input, encoding: 'utf8' });
  if (r.error !== undefined) return undefined;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const hasOmParser = check(DEBIAN_PYTHON, ['-c', 'import prometheus_client.openmetrics.parser'], '')?.status === 0;
const dir = join(repoRoot(), 'test-fixtures', 'conformance');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('exposition conformance fixtures (shared with the Python runtime)', () => {
  it('finds the fixture set', () => assert.ok(files.length >= 5, `only ${files.length} fixtures in ${dir}`));
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture;
    for (const format of ['prometheus', 'openmetrics'] as const) {
      it(`${file} (${format})`, () => {
        const registry = run(fixture);
        const expected = fixture.expected[format].map((line) => `${line}\n`).join('');
        const actual = registry.serializeToBuffer(format);
        assert.equal(actual.toString('utf8'), expected);
        assert.ok(actual.equals(Buffer.from(expected, 'utf8')), 'bytes differ');
      });
    }
    it(`${file}: expected output is valid (promtool for the text format, the reference OpenMetrics parser)`, function () {
      const text = fixture.expected.prometheus.map((line) => `${line}\n`).join('');
      const promtool = check('promtool', ['check', 'metrics'], text);
      if (promtool === undefined && !hasOmParser) this.skip();
      if (promtool !== undefined) assert.equal(promtool.status, 0, promtool.output);
      if (hasOmParser) {
        const om = check(DEBIAN_PYTHON, ['-c', OM_PARSE], fixture.expected.openmetrics.map((line) => `${line}\n`).join(''));
        assert.equal(om?.status, 0, om?.output);
      }
    });
  }
});

interface ConfigCase {
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  readonly fileText?: string;
  readonly defaultMode?: 'api' | 'sdk';
  readonly expected: { readonly values: Readonly<Record<string, unknown>>; readonly warnings: readonly string[] };
}

describe('configuration conformance (test-fixtures/conformance/config/cases.json, shared with the Python runtime)', () => {
  const set = JSON.parse(readFileSync(join(dir, 'config', 'cases.json'), 'utf8')) as { fields: readonly string[]; cases: readonly ConfigCase[] };
  for (const c of set.cases) {
    it(c.name, () => {
      const input: { -readonly [K in keyof ParseConfigInput]: ParseConfigInput[K] } = { env: c.env };
      if (c.fileText !== undefined) input.fileText = c.fileText;
      if (c.defaultMode !== undefined) input.defaultMode = c.defaultMode;
      const result = parseConfig(input);
      const values: Record<string, unknown> = {};
      for (const field of set.fields) {
        // Cast: walking a plain data object along a dotted path.
        const value = field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], result.config);
        values[field] = value ?? null;
      }
      assert.deepEqual(values, c.expected.values);
      assert.deepEqual(result.warnings.map((w) => w.message), c.expected.warnings);
    });
  }
});
