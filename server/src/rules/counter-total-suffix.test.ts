import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './counter-total-suffix';

const PROM = "import { Counter, Gauge } from 'prom-client';\n";

describe('counter-total-suffix', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PROM}new Counter({ name: 'http_requests_total', help: 'x' });` },
      { code: `${PROM}new Gauge({ name: 'queue_depth', help: 'x' });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs_total');`, namingStyle: 'prometheus' },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs.completed');`, namingStyle: 'otel' },
      { code: `${PRELUDE.statscope}defineStats('shop', { orders: counter({ description: 'x' }), ordersTotal: counter({ description: 'y' }) });` },
      { code: "new Counter({ name: 'not_prom_client', help: 'x' });" },
    ],
    invalid: [
      {
        code: `${PROM}new Counter({ name: 'http_requests', help: 'x' });`,
        errors: [{ messageId: 'missingTotal', line: 2, column: 21 }],
        output: `${PROM}new Counter({ name: 'http_requests_total', help: 'x' });`,
      },
      {
        code: `${PROM}new Gauge({ name: "queue_total", help: 'x' });`,
        errors: [{ messageId: 'unexpectedTotal', line: 2, column: 19 }],
        output: `${PROM}new Gauge({ name: "queue", help: 'x' });`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('bytes_total');`,
        namingStyle: 'prometheus',
        errors: [{ messageId: 'unexpectedTotal', line: 3, column: 23 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('bytes');`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs.total');`,
        namingStyle: 'otel',
        errors: [{ messageId: 'otelTotal', line: 3, column: 21 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs');`,
      },
      {
        code: `${PRELUDE.statscope}export const s = defineStats('shop', { refundsTotal: gauge({ description: 'x' }) });\ns.refundsTotal.set(1);`,
        errors: [{ messageId: 'unexpectedTotal', line: 2, column: 40, message: "'refundsTotal' is a gauge, but '_total' marks counters; drop the suffix." }],
        output: `${PRELUDE.statscope}export const s = defineStats('shop', { refunds: gauge({ description: 'x' }) });\ns.refunds.set(1);`,
      },
      {
        code: `${PRELUDE.statscope}export const stats = defineStats('shop', { queue_total: gauge({ description: 'x' }) });`,
        files: { 'use.ts': "import { stats } from './case';\nstats.queue_total.set(3);\nstats['queue_total'].set(4);\n" },
        errors: [{ messageId: 'unexpectedTotal', line: 2, column: 44 }],
        output: `${PRELUDE.statscope}export const stats = defineStats('shop', { queue: gauge({ description: 'x' }) });`,
        otherOutputs: { 'use.ts': "import { stats } from './case';\nstats.queue.set(3);\nstats['queue'].set(4);\n" },
      },
    ],
  });
});
