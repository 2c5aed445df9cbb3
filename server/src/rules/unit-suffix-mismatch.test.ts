import { assertRuleCases } from '../engine/rule-tester';
import rule from './unit-suffix-mismatch';

describe('unit-suffix-mismatch', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "defineStats('api', { latencySeconds: histogram({ description: 'x', unit: 'seconds' }) });" },
      { code: "defineStats('api', { latency: histogram({ description: 'x', unit: 'seconds' }) });" },
      { code: "defineStats('api', { httpRequests: counter({ description: 'x' }) });" },
      { code: "meter.createHistogram('rpc.duration_seconds', { unit: 's' });" },
      { code: "import { Histogram } from 'prom-client';\nnew Histogram({ name: 'a_seconds', help: 'x' });" },
      { code: "defineStats('io', { readBytesTotal: counter({ description: 'x', unit: 'bytes' }) });" },
    ],
    invalid: [
      {
        code: "defineStats('api', { latencySeconds: histogram({ description: 'x', unit: 'bytes' }) });",
        errors: [{ messageId: 'mismatch', line: 1, column: 74, message: "'latencySeconds' ends in 'seconds' but declares unit 'bytes'." }],
      },
      {
        code: "defineStats('io', {\n  readBytes: counter({\n    description: 'x',\n  }),\n});",
        errors: [{ messageId: 'missingUnit', line: 2, column: 3 }],
        output: "defineStats('io', {\n  readBytes: counter({\n    description: 'x',\n    unit: 'bytes',\n  }),\n});",
      },
      {
        code: "meter.createHistogram('payload_bytes', { description: 'x' });",
        errors: [{ messageId: 'missingUnit', line: 1, column: 23 }],
        output: "meter.createHistogram('payload_bytes', { description: 'x', unit: 'By' });",
      },
      {
        code: "meter.createHistogram('wait_seconds', { unit: 'By' });",
        errors: [{ messageId: 'mismatch', line: 1, column: 47 }],
      },
    ],
  });
});
