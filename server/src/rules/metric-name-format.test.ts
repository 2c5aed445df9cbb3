import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './metric-name-format';

const PROM = "import client, { Counter } from 'prom-client';\n";

/** A metrics interface with a Prometheus and an OpenTelemetry backend; components call it with names. */
const BACKENDS = {
  'prom/counter-group.ts': "import { Counter } from 'prom-client';\nexport class PromCounterGroup {\n  private readonly counter: Counter;\n  constructor(name: string, opts: { help?: string }) {\n    this.counter = new Counter({ name, help: opts.help ?? name });\n  }\n}",
  'prom/index.ts': "import { PromCounterGroup } from './counter-group';\nexport class PromMetrics {\n  registerCounterGroup(name: string, opts: { help?: string } = {}) {\n    return new PromCounterGroup(name, opts);\n  }\n}",
  'otel/index.ts': "import { metrics } from '@opentelemetry/api';\nimport type { Meter } from '@opentelemetry/api';\nexport class OtelMetrics {\n  private readonly meter: Meter = metrics.getMeter('m');\n  registerCounterGroup(name: string, opts: { help?: string } = {}) {\n    return this.meter.createCounter(name, { description: opts.help });\n  }\n}",
};

describe('metric-name-format', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "export const create = (components: Components) => components.metrics.registerCounterGroup('transport_dialer_events_total', { help: 'x' });", files: BACKENDS },
      { code: `${PROM}new Counter({ name: 'http_requests_total', help: 'x' });` },
      { code: `${PROM}new client.Histogram({ name: 'latency_seconds', help: 'x' });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs_total');` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('http.server.requests');`, namingStyle: 'otel' },
      { code: `${PRELUDE.statscope}defineStats('inference', { requestCount: counter({ description: 'x', labels: ['model_name'] }) });` },
      { code: `${PROM}new Counter({ name: metricName, help: "dynamic names belong to another rule" });` },
      { code: "new Map({ name: 'NotAMetric' });" },
      { code: "new Counter({ name: 'NotFromPromClient' });" },
    ],
    invalid: [
      {
        // Both backends declare through the call; the name follows Prometheus (prom-client accepts nothing else).
        code: "export const create = (components: Components) => components.metrics.registerCounterGroup('transport_web-direct_events_total', { help: 'x' });",
        files: BACKENDS,
        errors: [{ messageId: 'invalidCharacters', line: 1, column: 91 }],
        output: "export const create = (components: Components) => components.metrics.registerCounterGroup('transport_web_direct_events_total', { help: 'x' });",
      },
      {
        code: `${PROM}new Counter({ name: 'httpRequestsTotal', help: 'x' });`,
        errors: [{ messageId: 'notSnakeCase', line: 2, column: 21 }],
        output: `${PROM}new Counter({ name: 'http_requests_total', help: 'x' });`,
      },
      {
        code: `${PROM}const c = new client.Gauge({\n  name: "queue:depth",\n  help: "x",\n});`,
        errors: [{ messageId: 'colon', line: 3, column: 9 }],
        output: `${PROM}const c = new client.Gauge({\n  name: "queue_depth",\n  help: "x",\n});`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('request-latency');`,
        namingStyle: 'prometheus',
        errors: [{ messageId: 'invalidCharacters', line: 3, column: 23 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('request_latency');`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('HTTP Requests');`,
        namingStyle: 'otel',
        errors: [{ messageId: 'notOtelStyle', line: 3, column: 21 }],
      },
      {
        code: `${PRELUDE.statscope}export const stats = defineStats('VectorIndex', {});`,
        errors: [{ messageId: 'componentNotSnakeCase', line: 2, column: 34 }],
        output: `${PRELUDE.statscope}export const stats = defineStats('vector_index', {});`,
      },
      {
        code: `const { Counter: PromCounter } = require('prom-client');\nnew PromCounter({ name: 'jobsDone', help: 'x', labelNames: ['jobType', 'bad-label'] });`,
        filename: 'case.js',
        errors: [
          { messageId: 'notSnakeCase', line: 2, column: 25 },
          { messageId: 'labelNotSnakeCase', line: 2, column: 61 },
          { messageId: 'invalidLabel', line: 2, column: 72 },
        ],
        output: `const { Counter: PromCounter } = require('prom-client');\nnew PromCounter({ name: 'jobs_done', help: 'x', labelNames: ['jobType', 'bad-label'] });`,
      },
    ],
  });
});
