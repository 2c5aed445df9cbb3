import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './reserved-name-or-label';

const PROM = "import { Counter, Gauge } from 'prom-client';\n";

const GAUGE_WRAPPER = { 'create-gauge.ts': "import { Gauge } from 'prom-client';\nexport function createGauge(options: { name: string; help: string }) {\n  return new Gauge(options);\n}" };

describe('reserved-name-or-label', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { Gauge } from 'prom-client';\nnew Gauge({ name: 'build_info', help: 'Version, value 1', labelNames: ['version'] });" },
      { code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ description: 'x', labels: ['route'] }) });` },
      { code: `${PROM}new Counter({ name: 'bucket_fills_total', help: 'x', labelNames: ['level'] });` },
      { code: `${PRELUDE.statscope}defineStats('api', { countedItems: gauge({ description: 'x' }) });` },
    ],
    invalid: [
      {
        // The constant part of a template is checked: whatever the prefix, this gauge ends in `_count`.
        code: "import { createGauge } from './create-gauge';\nexport const consumers = (prefix: string) => createGauge({ name: `${prefix}_consumer_count`, help: 'Consumers' });",
        files: GAUGE_WRAPPER,
        errors: [{ messageId: 'reservedSuffix', line: 2, column: 66 }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { requestCount: gauge({ description: 'x' }) });`,
        errors: [{ messageId: 'reservedSuffix', line: 2, column: 22, message: "'requestCount' ends with '_count', a suffix Prometheus and OpenMetrics give derived series (histogram and summary parts, counter creation times)." }],
      },
      {
        code: `${PROM}new Gauge({ name: 'latency_bucket', help: 'x' });`,
        errors: [{ messageId: 'reservedSuffix', line: 2, column: 19 }],
      },
      {
        code: `${PROM}new Gauge({ name: '__internal', help: 'x' });`,
        errors: [{ messageId: 'reservedPrefix', line: 2, column: 19 }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', labels: ['le', '__shard'] }) });`,
        errors: [
          { messageId: 'reservedLabel', line: 2, column: 70 },
          { messageId: 'reservedLabelPrefix', line: 2, column: 76 },
        ],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('rpc.sum');`,
        errors: [{ messageId: 'reservedSuffix', line: 3, column: 21 }],
      },
    ],
  });
});
