import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './span-not-ended';

describe('span-not-ended', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } finally {\n    span.end();\n  }\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  work();\n  span.end();\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  if (x) {\n    span.end();\n    return 1;\n  }\n  span.end();\n  return 2;\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f(res) {\n  const span = tracer.startSpan('op');\n  res.on('finish', () => span.end());\n}` },
      { code: `${PRELUDE.statscope}function f() {\n  const span = startSpan('op');\n  return span;\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  context.with(trace.setSpan(context.active(), span), () => work());\n  span.end();\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startActiveSpan('op', (span) => {\n  try {\n    work();\n  } finally {\n    span.end();\n  }\n});` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startActiveSpan('op', (span) => span.end());` },
      { code: `${PRELUDE.statscope}withSpan('op', () => work());` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan('op').end();` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}async function f() {\n  const span = tracer.startSpan('op');\n  try {\n    await work();\n  } catch (e) {\n    log(e);\n  }\n  span.end();\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    throw new Error('x');\n  } catch {\n    recover();\n  }\n  span.end();\n}` },
    ],
    invalid: [
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  work();\n}`,
        errors: [{ messageId: 'notEnded', line: 4, column: 16, message: "Span 'span' is started but never ended; it is never exported and leaks." }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } finally {\n    span.end();\n  }\n}`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  if (!ok) return;\n  work();\n  span.end();\n}`,
        errors: [{ messageId: 'notEndedOnAllPaths', line: 4, column: 16, message: "Span 'span' is not ended on every path (line 5 leaves without ending it); end it in a finally block." }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    if (!ok) return;\n    work();\n  } finally {\n    span.end();\n  }\n}`,
      },
      {
        code: `${PRELUDE.statscope}async function f() {\n\tconst span = startSpan('op');\n\tawait work();\n\tspan.end();\n}`,
        errors: [{ messageId: 'endNotInFinally', line: 3, column: 15 }],
        output: `${PRELUDE.statscope}async function f() {\n\tconst span = startSpan('op');\n\ttry {\n\t\tawait work();\n\t} finally {\n\t\tspan.end();\n\t}\n}`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  if (x) {\n    span.end();\n  }\n}`,
        errors: [{ messageId: 'notEndedOnAllPaths', line: 4, column: 16 }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    if (x) {\n    }\n  } finally {\n    span.end();\n  }\n}`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startActiveSpan('op', (span) => {\n  const text = \`a\nb\`;\n  work(text);\n});`,
        errors: [{ messageId: 'notEnded', line: 3, column: 24 }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startActiveSpan('op', (span) => {\n  try {\n    const text = \`a\nb\`;\n    work(text);\n  } finally {\n    span.end();\n  }\n});`,
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startActiveSpan('op', () => work());`,
        errors: [{ messageId: 'notEnded', line: 3, column: 24 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}tracer.startSpan('fire-and-forget');`,
        errors: [{ messageId: 'discarded', line: 3, column: 1 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n}`,
        errors: [{ messageId: 'notEnded', line: 4, column: 16 }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  span.end();\n}`,
      },
    ],
  });
});
