import { assertRuleCases } from '../engine/rule-tester';
import rule from './span-error-not-recorded';

describe('span-error-not-recorded', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } catch (e) {\n    span.recordException(e);\n  } finally {\n    span.end();\n  }\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) { span.setStatus({ code: SpanStatusCode.ERROR }); }\n  span.end();\n}" },
      { code: "withSpan('op', () => {\n  try { work(); } catch (e) { log(e); throw e; }\n});" },
      { code: "function f() {\n  try { work(); } catch (e) { log(e); }\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) { fail(span, e); }\n  span.end();\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  const g = () => { try { work(); } catch (e) { log(e); } };\n  span.end();\n}" },
    ],
    invalid: [
      {
        code: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } catch (error) {\n    log(error);\n  }\n  span.end();\n}",
        errors: [{ messageId: 'notRecorded', line: 5, column: 5 }],
        output: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } catch (error) {\n    span.recordException(error as Error);\n    log(error);\n  }\n  span.end();\n}",
      },
      {
        code: "import { SpanStatusCode } from '@opentelemetry/api';\ntracer.startActiveSpan('op', (s) => {\n  try { work(); } catch { retry(); }\n  s.end();\n});",
        filename: 'case.js',
        errors: [{ messageId: 'notRecorded', line: 3, column: 19 }],
        output: "import { SpanStatusCode } from '@opentelemetry/api';\ntracer.startActiveSpan('op', (s) => {\n  try { work(); } catch (error) {\n  s.recordException(error);\n  s.setStatus({ code: SpanStatusCode.ERROR }); retry(); }\n  s.end();\n});",
      },
      {
        code: "withSpan('op', () => {\n  try { work(); } catch (e) { log(e); }\n});",
        errors: [{ messageId: 'notRecordedNoSpan', line: 2, column: 19 }],
      },
      {
        code: "function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) { log(e); throw e; }\n  span.end();\n}",
        errors: [{ messageId: 'notRecorded', line: 3, column: 19 }],
        output: "function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) {\n  span.recordException(e as Error); log(e); throw e; }\n  span.end();\n}",
      },
    ],
  });
});
