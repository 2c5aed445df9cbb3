import { assertRuleCases } from '../engine/rule-tester';
import rule from './no-raw-metrics-client';

describe('no-raw-metrics-client', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { counter, defineStats } from 'statscope';\ndefineStats('jobs', { runs: counter({ description: 'x' }) });" },
      { code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });", options: { allowApis: ['prom-client'] } },
      { code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });", filename: 'src/legacy/metrics.ts', options: { allowFiles: ['src/legacy/**'] } },
      { code: "meter.createCounter('jobs');", options: { allowApis: ['otel'] } },
      { code: "class Counter {}\nnew Counter({ name: 'not_prom' });" },
    ],
    invalid: [
      {
        code: "import { Counter } from 'prom-client';\nexport const jobs = new Counter({ name: 'jobs_total', help: 'x' });",
        errors: [{ messageId: 'promClient', line: 2, column: 25, message: "'jobs_total' is created with prom-client directly; declare it in a stats struct with defineStats()." }],
      },
      {
        code: "import * as client from 'prom-client';\nnew client.Histogram({ name: 'h_seconds', help: 'x' });",
        errors: [{ messageId: 'promClient', line: 2, column: 5 }],
      },
      {
        code: "const meter = metrics.getMeter('svc');\nexport const h = meter.createHistogram('rpc.duration');",
        errors: [{ messageId: 'otelMeter', line: 2, column: 18 }],
      },
      {
        code: "import { Counter } from 'prom-client';\nnew Counter({ name: 'a_total', help: 'x' });\nmeter.createCounter('b');",
        options: { allowApis: ['otel'], bogus: true },
        errors: [{ messageId: 'promClient', line: 2, column: 5 }],
      },
    ],
  });
});
