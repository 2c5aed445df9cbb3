import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './metric-type-in-name';

const PROM = "import { Gauge, Histogram } from 'prom-client';\n";

describe('metric-type-in-name', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { Gauge } from 'prom-client';\nnew Gauge({ name: 'attestation_summary', help: 'x', labelNames: ['summary'] });" },
      { code: `${PRELUDE.statscope}defineStats('shop', { orders: counter({ description: 'x' }) });` },
      { code: `${PROM}new Gauge({ name: 'queue_depth', help: 'x' });` },
      { code: `${PRELUDE.statscope}defineStats('shop', { counterparties: gauge({ description: 'x' }) });` },
    ],
    invalid: [
      {
        code: `${PRELUDE.statscope}export const stats = defineStats('shop', { ordersCounter: counter({ description: 'x' }) });\nstats.ordersCounter.inc();`,
        errors: [{ messageId: 'kindInName', line: 2, column: 44, message: "'ordersCounter' restates its kind ('counter'); the metric type already says it." }],
        output: `${PRELUDE.statscope}export const stats = defineStats('shop', { orders: counter({ description: 'x' }) });\nstats.orders.inc();`,
      },
      {
        code: `${PROM}new Histogram({ name: 'latency_histogram_seconds', help: 'x' });`,
        errors: [{ messageId: 'kindInName', line: 2, column: 23 }],
        output: `${PROM}new Histogram({ name: 'latency_seconds', help: 'x' });`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createGauge('cpu.gauge');`,
        errors: [{ messageId: 'kindInName', line: 3, column: 19 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createGauge('cpu');`,
      },
      {
        code: `${PRELUDE.statscope}defineStats('shop', { gauge: gauge({ description: 'x' }) });`,
        errors: [{ messageId: 'kindInName', line: 2, column: 23 }],
      },
    ],
  });
});
