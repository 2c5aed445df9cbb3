import { testRule } from '../engine/rule-tester';
import rule from './metric-name-format';

describe('metric-name-format', () => {
  testRule(rule, {
    valid: [
      { code: "new Counter({ name: 'http_requests_total', help: 'x' });" },
      { code: "new client.Histogram({ name: 'latency_seconds', help: 'x' });" },
      { code: "meter.createCounter('jobs_total');" },
      { code: "meter.createCounter('http.server.requests');", settings: { namingStyle: 'otel' } },
      { code: "defineStats('inference', { requests: counter({ description: 'x' }) });" },
      { code: 'new Counter({ name: metricName, help: "dynamic names belong to another rule" });' },
      { code: "new Map({ name: 'NotAMetric' });" },
    ],
    invalid: [
      {
        code: "new Counter({ name: 'httpRequestsTotal', help: 'x' });",
        errors: [{ messageId: 'notSnakeCase', line: 1, column: 21 }],
        output: "new Counter({ name: 'http_requests_total', help: 'x' });",
      },
      {
        code: 'const c = new client.Gauge({\n  name: "queue:depth",\n  help: "x",\n});',
        errors: [{ messageId: 'colon', line: 2, column: 9 }],
        output: 'const c = new client.Gauge({\n  name: "queue_depth",\n  help: "x",\n});',
      },
      {
        code: "meter.createHistogram('request-latency');",
        errors: [{ messageId: 'invalidCharacters', line: 1, column: 23 }],
        output: "meter.createHistogram('request_latency');",
      },
      {
        code: "meter.createCounter('HTTP Requests');",
        settings: { namingStyle: 'otel' },
        errors: [{ messageId: 'notOtelStyle', line: 1, column: 21 }],
      },
      {
        code: "export const stats = defineStats('VectorIndex', {});",
        errors: [{ messageId: 'componentNotSnakeCase', line: 1, column: 34 }],
        output: "export const stats = defineStats('vector_index', {});",
      },
    ],
  });
});
