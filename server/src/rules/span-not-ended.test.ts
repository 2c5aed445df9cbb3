import { assertRuleCases } from '../engine/rule-tester';
import rule from './span-not-ended';

describe('span-not-ended', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } finally {\n    span.end();\n  }\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  work();\n  span.end();\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  if (x) {\n    span.end();\n    return 1;\n  }\n  span.end();\n  return 2;\n}" },
      { code: "function f(res) {\n  const span = tracer.startSpan('op');\n  res.on('finish', () => span.end());\n}" },
      { code: "function f() {\n  const span = startSpan('op');\n  return span;\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  context.with(trace.setSpan(context.active(), span), () => work());\n  span.end();\n}" },
      { code: "tracer.startActiveSpan('op', (span) => {\n  try {\n    work();\n  } finally {\n    span.end();\n  }\n});" },
      { code: "tracer.startActiveSpan('op', (span) => span.end());" },
      { code: "withSpan('op', () => work());" },
      { code: "tracer.startSpan('op').end();" },
      { code: "async function f() {\n  const span = tracer.startSpan('op');\n  try {\n    await work();\n  } catch (e) {\n    log(e);\n  }\n  span.end();\n}" },
      { code: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    throw new Error('x');\n  } catch {\n    recover();\n  }\n  span.end();\n}" },
    ],
    invalid: [
      {
        code: "function f() {\n  const span = tracer.startSpan('op');\n  work();\n}",
        errors: [{ messageId: 'notEnded', line: 2, column: 16, message: "Span 'span' is started but never ended; it is never exported and leaks." }],
        output: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } finally {\n    span.end();\n  }\n}",
      },
      {
        code: "function f() {\n  const span = tracer.startSpan('op');\n  if (!ok) return;\n  work();\n  span.end();\n}",
        errors: [{ messageId: 'notEndedOnAllPaths', line: 2, column: 16, message: "Span 'span' is not ended on every path (line 3 leaves without ending it); end it in a finally block." }],
        output: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    if (!ok) return;\n    work();\n  } finally {\n    span.end();\n  }\n}",
      },
      {
        code: "async function f() {\n\tconst span = startSpan('op');\n\tawait work();\n\tspan.end();\n}",
        errors: [{ messageId: 'endNotInFinally', line: 2, column: 15 }],
        output: "async function f() {\n\tconst span = startSpan('op');\n\ttry {\n\t\tawait work();\n\t} finally {\n\t\tspan.end();\n\t}\n}",
      },
      {
        code: "function f() {\n  const span = tracer.startSpan('op');\n  if (x) {\n    span.end();\n  }\n}",
        errors: [{ messageId: 'notEndedOnAllPaths', line: 2, column: 16 }],
        output: "function f() {\n  const span = tracer.startSpan('op');\n  try {\n    if (x) {\n    }\n  } finally {\n    span.end();\n  }\n}",
      },
      {
        code: "tracer.startActiveSpan('op', (span) => {\n  const text = `a\nb`;\n  work(text);\n});",
        errors: [{ messageId: 'notEnded', line: 1, column: 24 }],
        output: "tracer.startActiveSpan('op', (span) => {\n  try {\n    const text = `a\nb`;\n    work(text);\n  } finally {\n    span.end();\n  }\n});",
      },
      {
        code: "tracer.startActiveSpan('op', () => work());",
        errors: [{ messageId: 'notEnded', line: 1, column: 24 }],
      },
      {
        code: "tracer.startSpan('fire-and-forget');",
        errors: [{ messageId: 'discarded', line: 1, column: 1 }],
      },
      {
        code: "function f() {\n  const span = tracer.startSpan('op');\n}",
        errors: [{ messageId: 'notEnded', line: 2, column: 16 }],
        output: "function f() {\n  const span = tracer.startSpan('op');\n  span.end();\n}",
      },
    ],
  });
});
