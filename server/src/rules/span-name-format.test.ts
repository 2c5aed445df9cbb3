import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './span-name-format';

describe('span-name-format', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan(\`chat \${event.modelId}\`);` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan(\`\${method} \${route}\`);` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan(event.operationId);` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan('db.query');` },
      { code: `${PRELUDE.statscope}withSpan(\`GET \${route}\`, () => 1);` },
      { code: "const NAME = 'x';\nstartSpan(NAME);" },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startActiveSpan(\`\${req.method} \${req.route.path}\`, (s) => s.end());` },
    ],
    invalid: [
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan(\`GET \${request.url}\`);`,
        errors: [{ messageId: 'highCardinality', line: 3, column: 18 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan(\`GET \${req.url}\`);`,
        errors: [{ messageId: 'highCardinality', line: 3, column: 18, message: "This span name is built from 'req.url' (a URL); use a fixed operation name and put the value in an attribute." }],
      },
      {
        code: `${PRELUDE.statscope}withSpan('load user ' + userId, () => 1);`,
        errors: [{ messageId: 'highCardinality', line: 2, column: 10 }],
      },
      {
        code: `${PRELUDE.statscope}startSpan(\`job-\${Date.now()}\`);`,
        errors: [{ messageId: 'highCardinality', line: 2, column: 11 }],
      },
      {
        code: `${PRELUDE.statscope}startSpan(req.params.name);`,
        errors: [{ messageId: 'highCardinality', line: 2, column: 11, message: "This span name is built from 'req.params.name' (request data); use a fixed operation name and put the value in an attribute." }],
      },
      {
        code: `${PRELUDE.statscope}startSpan('');`,
        errors: [{ messageId: 'empty', line: 2, column: 11 }],
      },
    ],
  });
});
