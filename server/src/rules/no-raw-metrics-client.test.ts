import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './no-raw-metrics-client';

/** Another file of the workspace that uses the statscope runtime: the adoption policy applies. */
const ADOPTED = { 'adopted.ts': "import { defineStats } from 'statscope';\nexport const a = defineStats('adopted', {});" };

describe('no-raw-metrics-client', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { counter, defineStats } from 'statscope';\ndefineStats('jobs', { runs: counter({ description: 'x' }) });" },
      { code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });", options: { allowApis: ['prom-client'] } },
      { code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });", filename: 'src/legacy/metrics.ts', options: { allowFiles: ['src/legacy/**'] } },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs');`, options: { allowApis: ['otel'] } },
      // A workspace that never uses statscope is not held to its adoption policy.
      { code: "import { Counter } from 'prom-client';\nexport const jobs = new Counter({ name: 'jobs_total', help: 'x' });" },
      { code: "class Counter {}\nnew Counter({ name: 'not_prom' });" },
    ],
    invalid: [
      {
        code: "import { Counter } from 'prom-client';\nexport const jobs = new Counter({ name: 'jobs_total', help: 'x' });",
        files: ADOPTED,
        errors: [{ messageId: 'promClient', line: 2, column: 25, message: "'jobs_total' is created with prom-client directly; declare it in a stats struct with defineStats()." }],
      },
      {
        code: "import * as client from 'prom-client';\nnew client.Histogram({ name: 'h_seconds', help: 'x' });",
        files: ADOPTED,
        errors: [{ messageId: 'promClient', line: 2, column: 5 }],
      },
      {
        code: `${PRELUDE.otelApi}const meter = metrics.getMeter('svc');\nexport const h = meter.createHistogram('rpc.duration');`,
        files: ADOPTED,
        errors: [{ messageId: 'otelMeter', line: 3, column: 18 }],
      },
      {
        code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });\nmeter.createCounter('b');",
        files: ADOPTED,
        options: { allowApis: ['otel'], bogus: true },
        errors: [{ messageId: 'promClient', line: 2, column: 5 }],
      },
      {
        // Enabled explicitly in statscope.config.json: applies before the workspace adopts statscope.
        code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });",
        severity: 'warning',
        errors: [{ messageId: 'promClient', line: 2, column: 5 }],
      },
    ],
  });
});
