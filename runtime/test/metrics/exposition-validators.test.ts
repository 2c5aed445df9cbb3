/**
 * The exposition checked by independent parsers:
 * - `promtool check metrics` (Debian `prometheus`): parses and lints the Prometheus text format and must
 *   report nothing. (promtool 2.x reads only the text format, not OpenMetrics.)
 * - the OpenMetrics and text parsers of the Python reference client (Debian `python3-prometheus-client`):
 *   the OpenMetrics parser is strict (UNIT suffixes, `_total`, escapes, `# EOF`); both must give back the
 *   exact label values and numbers we wrote.
 * OpenMetrics is also parsed by the real Prometheus server in prometheus-scrape.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { counter, createRegistry, defineStats, gauge, histogram } from '../../src/index';
import type { ExpositionFormat } from '../../src/index';
import { ensureAptPackages } from '../helpers';
import { HOSTILE_MODEL, referenceText, UNICODE_MODEL } from './support/reference';

function promtool(exposition: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Debian's interpreter: the apt package installs the module for it, not for a pyenv/venv `python3`. */
const DEBIAN_PYTHON = '/usr/bin/python3';

const PY_PARSE = `
import json, sys
fmt = sys.argv[1]
text = sys.stdin.read()
if fmt == 'openmetrics':
    from prometheus_client.openmetrics.parser import text_string_to_metric_families
else:
    from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(text):
    out.append({'name': family.name, 'type': family.type, 'unit': getattr(family, 'unit', ''), 'help': family.documentation,
                'samples': [[s.name, s.labels, s.value] for s in family.samples]})
print(json.dumps(out))
`;

interface PyFamily {
  name: string;
  type: string;
  unit: string;
  help: string;
  samples: [string, Record<string, string>, number][];
}

function pythonParse(exposition: string, format: ExpositionFormat): PyFamily[] {
  const r = spawnSync(DEBIAN_PYTHON, ['-c', PY_PARSE, format], { input: exposition, encoding: 'utf8' });
  assert.equal(r.status, 0, `python parser (${format}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as PyFamily[];
}

/** A registry full of hostile strings and edge values. */
function fuzzedExposition(format: ExpositionFormat): string {
  const registry = createRegistry({ maxSeriesPerMetric: 50 });
  const s = defineStats(
    'fuzz',
    {
      events: counter({ description: 'Events with "quotes", back\\slashes and\nnewlines', labels: ['value', 'other'] }),
      level: gauge({ description: '\\', labels: ['value'] }),
      sizes: histogram({ description: '"', unit: 'bytes', labels: ['value'], buckets: [0.1, 1e-9, 3e21].sort((a, b) => a - b) }),
    },
    { registry },
  );
  const hostile = ['', ' ', '"', '\\', '\n', '\\n', '\\"', '"\\\n', '{}', 'a=b,c="d"', '# HELP x y', '\u0000', '\t\r', 'ü✓😀', '\ud800', 'x'.repeat(2000)];
  for (const v of hostile) {
    s.events.inc({ value: v, other: v });
    s.level.set(-1e-300, { value: v });
    s.sizes.observe(2, { value: v });
  }
  for (const bad of [NaN, Infinity, -1]) s.events.add(bad, { value: 'x', other: 'y' });
  for (let i = 0; i < 100; i++) s.events.inc({ value: `u${i}`, other: '' });
  return registry.serialize(format);
}

describe('exposition accepted by promtool and the reference OpenMetrics parser', function () {
  this.timeout(300_000);

  describe('promtool check metrics', () => {
    before(() => ensureAptPackages(['prometheus']));

    it('reports nothing for the reference struct', () => {
      assert.deepEqual(promtool(referenceText('prometheus')), { status: 0, output: '' });
    });

    it('reports nothing for hostile label values, HELP text and the overflow series', () => {
      assert.deepEqual(promtool(fuzzedExposition('prometheus')), { status: 0, output: '' });
    });

    it('does flag a broken exposition (the check is real)', () => {
      const r = promtool('# TYPE x counter\nx{a="unterminated} 1\n');
      assert.notEqual(r.status, 0);
    });
  });

  describe('python3-prometheus-client parsers', () => {
    before(() => ensureAptPackages(['python3-prometheus-client']));

    for (const format of ['openmetrics', 'prometheus'] as const) {
      it(`round-trips the reference struct (${format})`, () => {
        const families = pythonParse(referenceText(format), format);
        const requests = families.find((f) => f.name === 'inference_requests');
        assert.ok(requests, JSON.stringify(families.map((f) => f.name)));
        assert.equal(requests.type, 'counter');
        assert.deepEqual(
          requests.samples.map(([name, labels, value]) => [name, labels['model'], value]),
          [
            ['inference_requests_total', 'bert', 4],
            ['inference_requests_total', HOSTILE_MODEL, 1],
            ['inference_requests_total', UNICODE_MODEL, 2],
          ],
        );
        const temperature = families.find((f) => f.name === 'inference_temperature_celsius');
        assert.equal(temperature?.help, 'Accelerator temperature: "hot" above 80\\90 C,\nthrottled above 95');
        if (format === 'openmetrics') assert.equal(temperature?.unit, 'celsius');
        const latency = families.find((f) => f.name === 'inference_latency_seconds');
        assert.equal(latency?.type, 'histogram');
        assert.equal(latency?.samples.find(([n]) => n === 'inference_latency_seconds_count')?.[2], 5);
      });

      it(`parses the fuzzed exposition exactly (${format})`, () => {
        const families = pythonParse(fuzzedExposition(format), format);
        const events = families.find((f) => f.name === 'fuzz_events');
        assert.equal(events?.help, 'Events with "quotes", back\\slashes and\nnewlines');
        const values = events?.samples.map(([, labels]) => labels['value']) ?? [];
        for (const v of ['"', '\\', '\n', '\\n', '\\"', '"\\\n', 'a=b,c="d"', 'ü✓😀', '__overflow__']) assert.ok(values.includes(v), JSON.stringify(v));
      });
    }
  });
});
