import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './label-mismatch';

const STATS = "import { counter, defineStats, histogram } from 'statscope';\nexport const stats = defineStats('api', {\n  requests: counter({ description: 'x', labels: ['model', 'status'] }),\n  latency: histogram({ description: 'y', unit: 'seconds' }),\n});\n";
const PROM = "import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'c_total', help: 'x', labelNames: ['route', 'code'] });\n";

describe('label-mismatch', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { stats } from './stats';\nstats.requests.labels({ model: 'a', status: 'ok' }).inc();", files: { 'stats.ts': STATS } },
      { code: "import { stats } from './stats';\nconst ok = stats.requests.labels({ model: 'a', status: 'ok' });\nok.inc();\nok.add(2);", files: { 'stats.ts': STATS } },
      { code: "import { stats } from './stats';\nstats.requests.inc({ model: 'a', status: 'ok' });\nstats.requests.add(2, { status: 'ok', model: 'b' });", files: { 'stats.ts': STATS } },
      { code: "import { stats } from './stats';\nstats.latency.observe(0.2);\nstats.requests.labels(values).inc();\nstats.requests.labels({ ...base, status: 'ok' });", files: { 'stats.ts': STATS } },
      { code: `${PROM}c.labels('/a', '200').inc();\nc.inc({ route: '/b', code: '500' });\nc.labels({ route: '/', code: '200' }).inc(2);` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}const h = meter.createHistogram('h');\nh.record(1, { anything: 'goes' });` },
    ],
    invalid: [
      {
        code: "import { stats } from './stats';\nstats.requests.labels({ model: 'a', state: 'ok' }).inc();",
        files: { 'stats.ts': STATS },
        errors: [{ messageId: 'unknownLabels', line: 2, column: 23, message: "'requests' has no label 'state'; it declares 'model', 'status'." }],
      },
      {
        code: "import { stats } from './stats';\nstats.requests.labels({ model: 'a' }).inc();",
        files: { 'stats.ts': STATS },
        errors: [{ messageId: 'missingLabels', line: 2, column: 23, message: "'requests' is recorded without label 'status'." }],
      },
      {
        code: "import { stats } from './stats';\nstats.requests.inc();",
        files: { 'stats.ts': STATS },
        errors: [{ messageId: 'missingLabels', line: 2, column: 16 }],
      },
      {
        code: "import { stats } from './stats';\nconst r = stats.requests;\nr.add(1);",
        files: { 'stats.ts': STATS },
        errors: [{ messageId: 'missingLabels', line: 3, column: 3 }],
      },
      {
        code: "import { stats } from './stats';\nstats.latency.labels({ model: 'x' }).observe(1);",
        files: { 'stats.ts': STATS },
        errors: [{ messageId: 'noLabelsDeclared', line: 2, column: 22 }],
      },
      {
        code: `${PROM}c.labels('/a').inc();`,
        errors: [{ messageId: 'labelCount', line: 3, column: 3 }],
      },
      {
        code: `${PROM}c.inc({ route: '/b', status: '500' });`,
        errors: [{ messageId: 'unknownLabels', line: 3, column: 7 }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ description: 'x', labels: ['model', 'model'] }) });`,
        errors: [{ messageId: 'duplicateLabel', line: 2, column: 78 }],
      },
    ],
  });
});
