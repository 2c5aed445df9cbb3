import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './unit-suffix-mismatch';

describe('unit-suffix-mismatch', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.statscope}defineStats('api', { latencySeconds: histogram({ description: 'x', unit: 'seconds' }) });` },
      { code: `${PRELUDE.statscope}defineStats('api', { latency: histogram({ description: 'x', unit: 'seconds' }) });` },
      { code: `${PRELUDE.statscope}defineStats('api', { httpRequests: counter({ description: 'x' }) });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('rpc.duration_seconds', { unit: 's' });` },
      { code: "import { Histogram } from 'prom-client';\nnew Histogram({ name: 'a_seconds', help: 'x' });" },
      { code: `${PRELUDE.statscope}defineStats('io', { readBytesTotal: counter({ description: 'x', unit: 'bytes' }) });` },
    ],
    invalid: [
      {
        code: `${PRELUDE.statscope}defineStats('api', { latencySeconds: histogram({ description: 'x', unit: 'bytes' }) });`,
        errors: [{ messageId: 'mismatch', line: 2, column: 74, message: "'latencySeconds' ends in 'seconds' but declares unit 'bytes'." }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('io', {\n  readBytes: counter({\n    description: 'x',\n  }),\n});`,
        errors: [{ messageId: 'missingUnit', line: 3, column: 3 }],
        output: `${PRELUDE.statscope}defineStats('io', {\n  readBytes: counter({\n    description: 'x',\n    unit: 'bytes',\n  }),\n});`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('payload_bytes', { description: 'x' });`,
        errors: [{ messageId: 'missingUnit', line: 3, column: 23 }],
        output: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('payload_bytes', { description: 'x', unit: 'By' });`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('wait_seconds', { unit: 'By' });`,
        errors: [{ messageId: 'mismatch', line: 3, column: 47 }],
      },
    ],
  });
});
