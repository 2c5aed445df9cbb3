import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './metric-base-unit';

const PROM = "import { Histogram } from 'prom-client';\n";

const HISTOGRAM_WRAPPER = { 'create-histogram.ts': "import { Histogram } from 'prom-client';\nexport const createHistogram = (options: { name: string; help: string }) => new Histogram(options);" };

describe('metric-base-unit', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', unit: 'seconds' }) });` },
      { code: `${PRELUDE.statscope}defineStats('io', { read: counter({ description: 'x', unit: 'bytes' }) });` },
      { code: `${PROM}new Histogram({ name: 'request_duration_seconds', help: 'x' });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('http.server.duration', { unit: 's' });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('requests', { unit: '{request}' });` },
      { code: `${PRELUDE.statscope}defineStats('api', { sessions: counter({ description: 'x' }) });` },
    ],
    invalid: [
      {
        code: "import { createHistogram } from './create-histogram';\nexport const latency = createHistogram({ name: 'request_duration_ms', help: 'Latency' });",
        files: HISTOGRAM_WRAPPER,
        errors: [{ messageId: 'unitInName', line: 2, column: 48 }],
      },
      {
        code: `${PRELUDE.statscope}export const stats = defineStats('api', {\n  latencyMs: histogram({ description: 'x', buckets: [5, 50, 500] }),\n});\nstats.latencyMs.observe(elapsed);\nstats.latencyMs.observe(250);`,
        errors: [{ messageId: 'unitInName', line: 3, column: 3, message: "'latencyMs' names the unit 'ms'; record seconds and name the unit 'seconds'." }],
        output:
          `${PRELUDE.statscope}export const stats = defineStats('api', {\n  latency: histogram({ description: 'x', buckets: [0.005, 0.05, 0.5], unit: 'seconds' }),\n});\nstats.latency.observe(elapsed / 1000);\nstats.latency.observe(0.25);`,
      },
      {
        code: `${PRELUDE.statscope}export const stats = defineStats('api', { wait: histogram({ description: 'x', unit: 'ms' }) });`,
        files: { 'use.ts': "import { stats } from './case';\nstats.wait.labels({}).observe(Date.now() - t0);\nconst h = stats.wait;\nh.observe(t);\n" },
        errors: [{ messageId: 'nonBaseUnit', line: 2, column: 85 }],
        output: `${PRELUDE.statscope}export const stats = defineStats('api', { wait: histogram({ description: 'x', unit: 'seconds' }) });`,
        otherOutputs: { 'use.ts': "import { stats } from './case';\nstats.wait.labels({}).observe((Date.now() - t0) / 1000);\nconst h = stats.wait;\nh.observe(t / 1000);\n" },
      },
      {
        code: `${PROM}const h = new Histogram({ name: 'db_query_ms', help: 'x', buckets: [1, 10] });\nh.observe(12);\nh.labels('a').observe(t);`,
        errors: [{ messageId: 'unitInName', line: 2, column: 33 }],
        output: `${PROM}const h = new Histogram({ name: 'db_query_seconds', help: 'x', buckets: [0.001, 0.01] });\nh.observe(0.012);\nh.labels('a').observe(t / 1000);`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}const h = meter.createHistogram('rpc.duration', { unit: 'ms' });\nh.record(ms, { a: 'b' });`,
        namingStyle: 'otel',
        errors: [{ messageId: 'nonBaseUnit', line: 3, column: 57 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}const h = meter.createHistogram('rpc.duration', { unit: 's' });\nh.record(ms / 1000, { a: 'b' });`,
      },
      {
        code: `${PRELUDE.statscope}defineStats('net', { payloadKb: gauge({ description: 'x' }) });`,
        errors: [{ messageId: 'unitInName', line: 2, column: 22 }],
        output: `${PRELUDE.statscope}defineStats('net', { payload: gauge({ description: 'x', unit: 'bytes' }) });`,
      },
      {
        code: `${PRELUDE.statscope}defineStats('net', { uptime: gauge({ description: 'x', unit: 'fortnights' }) });`,
        errors: [{ messageId: 'unknownUnit', line: 2, column: 62, message: "Unit 'fortnights' is not a known base unit (seconds, bytes, ratio, percent, meters, volts, amperes, joules, grams, celsius, hertz, requests, errors, tokens, items)." }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { latencyMs: histogram({ description: 'x', unit: 'seconds' }) });`,
        errors: [{ messageId: 'unitInName', line: 2, column: 22 }],
        output: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', unit: 'seconds' }) });`,
      },
    ],
  });
});
