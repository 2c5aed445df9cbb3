import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './histogram-buckets';

const PROM = "import { Histogram } from 'prom-client';\n";

describe('histogram-buckets', () => {
  assertRuleCases(rule, {
    valid: [
      // OpenTelemetry: no boundaries means one bucket (count and sum only).
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('queue.wait', { advice: { explicitBucketBoundaries: [] } });` },
      { code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', unit: 'seconds', buckets: [0.005, 0.05, 0.5, 5] }) });` },
      { code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x' }) });` },
      { code: `${PROM}new Histogram({ name: 'h_seconds', help: 'x', buckets: [-1, 0, 1] });` },
      { code: `${PROM}new Histogram({ name: 'h_seconds', help: 'x', buckets: linearBuckets(0, 1, 10) });` },
      { code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [a, b] }) });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('h', { advice: { explicitBucketBoundaries: [1, 2, 4] } });` },
    ],
    invalid: [
      {
        code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [0.5, 0.05, 5] }) });`,
        errors: [{ messageId: 'unsorted', line: 2, column: 70 }],
        output: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [0.05, 0.5, 5] }) });`,
      },
      {
        code: `${PROM}new Histogram({ name: 'h_seconds', help: 'x', buckets: [1, 2, 2, 4] });`,
        errors: [{ messageId: 'duplicate', line: 2, column: 56, message: 'Histogram bucket 2 is listed twice; bounds must be strictly ascending.' }],
        output: `${PROM}new Histogram({ name: 'h_seconds', help: 'x', buckets: [1, 2, 4] });`,
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [1, 10, Infinity] }) });`,
        errors: [{ messageId: 'nonFinite', line: 2, column: 70 }],
        output: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [1, 10] }) });`,
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [] }) });`,
        errors: [{ messageId: 'empty', line: 2, column: 70 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('h', {\n  advice: { explicitBucketBoundaries: [10, NaN, 1] },\n});`,
        errors: [{ messageId: 'nonFinite', line: 4, column: 39 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('h', {\n  advice: { explicitBucketBoundaries: [1, 10] },\n});`,
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', buckets: [${Array.from({ length: 70 }, (_, i) => i + 1).join(', ')}] }) });`,
        errors: [{ messageId: 'tooMany', line: 2, column: 70 }],
      },
    ],
  });
});
