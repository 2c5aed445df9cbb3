import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './counter-total-suffix';

const PROM = "import { Counter, Gauge } from 'prom-client';\n";

/** Project wrappers as real code writes them: a factory function, a registry subclass, a metric subclass. */
const WRAPPERS = {
  'util/create-counter.ts': "import { Counter as PromCounter } from 'prom-client';\nexport const createCounter = (options: ConstructorParameters<typeof PromCounter>[0]) => new PromCounter(options);",
  'util/gauge-extra.ts': "import { Gauge } from 'prom-client';\nexport class GaugeExtra extends Gauge {\n  add(v: number) { this.inc(v); }\n}",
  'util/registry.ts': "import { Registry } from 'prom-client';\nimport { GaugeExtra } from './gauge-extra';\nexport class RegistryMetricCreator extends Registry {\n  gauge(configuration: GaugeConfig) {\n    return new GaugeExtra({ ...configuration, registers: [this] });\n  }\n}",
};

describe('counter-total-suffix', () => {
  assertRuleCases(rule, {
    valid: [
      // The same call on an imported object that is not a meter declares nothing.
      { code: "import { meter } from './telemetry';\nmeter.createCounter('jobs.completed_total');", files: { 'telemetry.ts': 'export const meter = { createCounter: (n: string) => n };' } },
      { code: `${PROM}new Counter({ name: 'http_requests_total', help: 'x' });` },
      { code: `${PROM}new Gauge({ name: 'queue_depth', help: 'x' });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs_total');`, namingStyle: 'prometheus' },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs.completed');`, namingStyle: 'otel' },
      { code: `${PRELUDE.statscope}defineStats('shop', { orders: counter({ description: 'x' }), ordersTotal: counter({ description: 'y' }) });` },
      { code: "new Counter({ name: 'not_prom_client', help: 'x' });" },
      { code: "import { createCounter } from './util/create-counter';\ncreateCounter({ name: 'users_created_total', help: 'x' });", files: WRAPPERS },
      // A function of the same name that is no metric wrapper declares nothing.
      { code: "function createCounter(o: { name: string; help: string }) { return o; }\ncreateCounter({ name: 'users', help: 'x' });" },
    ],
    invalid: [
      {
        // A meter exported by another file of the workspace is a meter here too.
        code: "import { meter } from './telemetry';\nexport const jobs = meter.createCounter('jobs.completed_total', { description: 'Jobs' });",
        files: { 'telemetry.ts': "import { metrics } from '@opentelemetry/api';\nexport const meter = metrics.getMeter('jobs');" },
        errors: [{ messageId: 'otelTotal', line: 2, column: 41 }],
        output: "import { meter } from './telemetry';\nexport const jobs = meter.createCounter('jobs.completed', { description: 'Jobs' });",
      },
      {
        code: "import { createCounter } from './util/create-counter';\nexport const users = createCounter({ name: 'users_created', help: 'Users created' });",
        files: WRAPPERS,
        errors: [{ messageId: 'missingTotal', line: 2, column: 44 }],
        output: "import { createCounter } from './util/create-counter';\nexport const users = createCounter({ name: 'users_created_total', help: 'Users created' });",
      },
      {
        code: "export function create(register: RegistryMetricCreator) {\n  return { misses: register.gauge({ name: 'cache_misses_total', help: 'Misses' }) };\n}",
        files: WRAPPERS,
        errors: [{ messageId: 'unexpectedTotal', line: 2, column: 43 }],
        output: "export function create(register: RegistryMetricCreator) {\n  return { misses: register.gauge({ name: 'cache_misses', help: 'Misses' }) };\n}",
      },
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
