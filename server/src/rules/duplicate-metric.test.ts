import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './duplicate-metric';

const PROM = "import { Counter, Gauge } from 'prom-client';\n";

describe('duplicate-metric', () => {
  assertRuleCases(rule, {
    valid: [
      // Each test builds its own meter provider: the same name in two cases is no conflict.
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('test_total');\nmeter.createHistogram('test_total');`, filename: 'test/serializer.test.ts' },
      { code: `${PROM}new Counter({ name: 'a_total', help: 'x' });\nnew Gauge({ name: 'b', help: 'y' });` },
      {
        code: `${PRELUDE.statscope}export const s = defineStats('shop', { orders: counter({ description: 'x', labels: ['a'] }) });`,
        files: { 'other.ts': `${PRELUDE.statscope}export const t = defineStats('shop', { orders: counter({ description: 'hot reload', labels: ['a'] }) });` },
      },
      { code: `${PRELUDE.statscope}export const s = defineStats('shop', { orders: counter({ description: 'x' }) });\nexport const t = defineStats('cart', { orders: counter({ description: 'x' }) });` },
      { code: `${PRELUDE.statscope}defineStats('io', { read: histogram({ description: 'x', unit: 'bytes' }) });\ndefineStats('io', { readBytes: histogram({ description: 'x', unit: 'seconds' }) });` },
    ],
    invalid: [
      {
        code: `${PRELUDE.statscope}export const s = defineStats('shop', { ordersTotal: gauge({ description: 'x' }) });`,
        files: { 'legacy.ts': "import { Counter } from 'prom-client';\n\nnew Counter({ name: 'shop_orders_total', help: 'x' });" },
        errors: [{ messageId: 'conflict', line: 2, column: 40, message: "'shop_orders_total' is also declared in legacy.ts:3 with kind counter; one exposed name must mean one metric." }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('io', { read: counter({ description: 'x', labels: ['disk'] }) });\ndefineStats('io', { read: counter({ description: 'x', labels: ['disk', 'mode'] }) });`,
        errors: [
          { messageId: 'conflict', line: 2, column: 21 },
          { messageId: 'conflict', line: 3, column: 21 },
        ],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('rpc.duration', { unit: 's' });\nmeter.createHistogram('rpc_duration', { unit: 'ms' });`,
        errors: [
          { messageId: 'conflict', line: 3, column: 23, message: "'rpc_duration' is also declared in case.ts:4 with unit ms; one exposed name must mean one metric." },
          { messageId: 'conflict', line: 4, column: 23 },
        ],
      },
    ],
  });
});
