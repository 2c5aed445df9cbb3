import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './metric-description-required';

const PROM = "import { Counter } from 'prom-client';\n";

describe('metric-description-required', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ description: 'Requests received' }) });` },
      { code: `${PROM}new Counter({ name: 'jobs_total', help: 'Jobs run' });` },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter('jobs', { description: 'Jobs run' });` },
      { code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ description: DESCRIPTIONS.requests }) });` },
    ],
    invalid: [
      {
        code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ unit: 'requests' }) });`,
        errors: [{ messageId: 'missing', line: 2, column: 22, message: "'requests' has no description; say in one sentence what it measures." }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', {\n  depth: gauge({ description: '  ' }),\n});`,
        errors: [{ messageId: 'empty', line: 3, column: 31 }],
      },
      {
        code: `${PROM}new Counter({ name: 'jobs_total' });`,
        errors: [{ messageId: 'missing', line: 2, column: 21, message: "'jobs_total' has no help; say in one sentence what it measures." }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createHistogram('rpc.duration');`,
        errors: [{ messageId: 'missing', line: 3, column: 23 }],
      },
    ],
  });
});
