import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './alert-thresholds';

const decl = (body: string): string => `${PRELUDE.statscope}defineStats('q', { ${body} });`;

describe('alert-thresholds', () => {
  assertRuleCases(rule, {
    valid: [
      { code: decl("wait: histogram({ description: 'x', unit: 'seconds', slo: { p50: 0.05, p95: 0.2, p99: 1, for: '10m', severity: 'page' } })") },
      { code: decl("depth: gauge({ description: 'x', alert: { above: 100, below: 1, for: '1h30m', severity: 'ticket' } })") },
      { code: decl("errors: counter({ description: 'x', alert: { above: 0.5 } })") },
      { code: decl("depth: gauge({ description: 'x', alert: { above: limit, for: window } })") },
    ],
    invalid: [
      {
        code: decl("depth: gauge({ description: 'x', alert: { above: 100, for: '1.5m' } })"),
        errors: [{ messageId: 'badDuration', line: 2, column: 60, message: "'1.5m' is not a Prometheus duration (such as 30s, 5m or 1h30m); the generated alert would wait 5m." }],
      },
      {
        code: decl("depth: gauge({ description: 'x', alert: { below: 1, severity: 'critical' } })"),
        errors: [{ messageId: 'badSeverity', line: 2, column: 60 }],
      },
      {
        code: decl("depth: gauge({ description: 'x', alert: { above: 10, below: 100 } })"),
        errors: [{ messageId: 'overlapping', line: 2, column: 60 }],
      },
      {
        code: decl("wait: histogram({ description: 'x', unit: 'seconds', slo: { p99: 0.1, p95: 0.2, p50: 0 } })"),
        errors: [
          { messageId: 'nonPositive', line: 2, column: 78 },
          { messageId: 'unordered', line: 2, column: 78, message: 'Objective p99 (0.1) is below p95 (0.2): a higher quantile is never faster.' },
        ],
      },
    ],
  });
});
