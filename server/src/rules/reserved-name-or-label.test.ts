import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './reserved-name-or-label';

const PROM = "import { Counter, Gauge } from 'prom-client';\n";

describe('reserved-name-or-label', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ description: 'x', labels: ['route'] }) });` },
      { code: `${PROM}new Counter({ name: 'bucket_fills_total', help: 'x', labelNames: ['level'] });` },
      { code: `${PRELUDE.statscope}defineStats('api', { countedItems: gauge({ description: 'x' }) });` },
    ],
    invalid: [
      {
        code: `${PRELUDE.statscope}defineStats('api', { requestCount: gauge({ description: 'x' }) });`,
        errors: [{ messageId: 'reservedSuffix', line: 2, column: 22, message: "'requestCount' ends with '_count', which Prometheus derives for histograms and summaries." }],
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
