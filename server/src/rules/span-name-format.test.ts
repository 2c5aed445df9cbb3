import { assertRuleCases } from '../engine/rule-tester';
import rule from './span-name-format';

describe('span-name-format', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "tracer.startSpan('db.query');" },
      { code: "withSpan(`GET ${route}`, () => 1);" },
      { code: "const NAME = 'x';\nstartSpan(NAME);" },
      { code: "tracer.startActiveSpan(`${req.method} ${req.route.path}`, (s) => s.end());" },
    ],
    invalid: [
      {
        code: "tracer.startSpan(`GET ${req.url}`);",
        errors: [{ messageId: 'highCardinality', line: 1, column: 18, message: "This span name is built from 'req.url' (an id, time or address); use a fixed operation name and put the value in an attribute." }],
      },
      {
        code: "withSpan('load user ' + userId, () => 1);",
        errors: [{ messageId: 'highCardinality', line: 1, column: 10 }],
      },
      {
        code: "startSpan(`job-${Date.now()}`);",
        errors: [{ messageId: 'highCardinality', line: 1, column: 11 }],
      },
      {
        code: "startSpan(req.params.name);",
        errors: [{ messageId: 'highCardinality', line: 1, column: 11, message: "This span name is built from 'req.params.name' (request data); use a fixed operation name and put the value in an attribute." }],
      },
      {
        code: "startSpan('');",
        errors: [{ messageId: 'empty', line: 1, column: 11 }],
      },
    ],
  });
});
