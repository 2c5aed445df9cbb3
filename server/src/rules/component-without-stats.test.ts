import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './component-without-stats';

/** Another file of the workspace that uses the statscope runtime: the adoption policy applies. */
const ADOPTED = { 'adopted.ts': "import { defineStats } from 'statscope';\nexport const a = defineStats('adopted', {});" };
const STATS = "import { counter, defineStats } from 'statscope';\nexport const stats = defineStats('shop', { orders: counter({ description: 'Orders' }) });\n";

describe('component-without-stats', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { stats } from './stats';\nexport function f() { stats.orders.inc(); }" , files: { 'stats.ts': STATS } },
      { code: "import { defineStats, withSpan } from 'statscope';\nexport const s = defineStats('a', {});\nwithSpan('op', () => 1);" },
      { code: "import { stats } from './stats';\nimport { withSpan } from 'statscope';\nwithSpan('op', () => stats.orders.inc());", files: { 'stats.ts': STATS } },
      { code: 'export const plain = 1;' },
      // A workspace that never uses statscope is not held to its adoption policy.
      { code: "import { Counter } from 'prom-client';\nexport const c = new Counter({ name: 'jobs_total', help: 'Jobs' });" },
      { code: "import * as m from './stats';\nm.stats.orders.inc();\ntracer.startSpan('x').end();", files: { 'stats.ts': STATS } },
    ],
    invalid: [
      {
        code: "import { Counter } from 'prom-client';\nexport const c = new Counter({ name: 'jobs_total', help: 'Jobs' });",
        files: ADOPTED,
        errors: [{ messageId: 'rawMetrics', line: 2, column: 22 }],
      },
      {
        code: "import { withSpan } from 'statscope';\nexport function run() {\n  return withSpan('job.run', () => 1);\n}",
        errors: [{ messageId: 'spans', line: 3, column: 10 }],
      },
      {
        code: `${PRELUDE.otelApi}const meter = metrics.getMeter('x');\nconst h = meter.createHistogram('latency_seconds');\ntracer.startSpan('x').end();`,
        files: ADOPTED,
        errors: [{ messageId: 'rawMetrics', line: 3, column: 11 }],
      },
    ],
  });
});
