import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './span-error-not-recorded';

describe('span-error-not-recorded', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f(result: unknown) {\n  const span = tracer.startSpan('tool');\n  try {\n    span.setAttributes({ 'tool.result': JSON.stringify(result) });\n  } catch {\n    // not serializable: the attribute is left out\n  }\n  span.end();\n}` },
      { code: "import { diag, trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('t');\nfunction f(hook: (s: unknown) => void) {\n  const span = tracer.startSpan('longtask');\n  try { hook(span); } catch (err) { diag.error('hook failed', err); }\n  span.end();\n}" },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } catch (e) {\n    span.recordException(e);\n  } finally {\n    span.end();\n  }\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) { span.setStatus({ code: SpanStatusCode.ERROR }); }\n  span.end();\n}` },
      { code: `${PRELUDE.statscope}withSpan('op', () => {\n  try { work(); } catch (e) { log(e); throw e; }\n});` },
      { code: "function f() {\n  try { work(); } catch (e) { log(e); }\n}" },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) { fail(span, e); }\n  span.end();\n}` },
      { code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  const g = () => { try { work(); } catch (e) { log(e); } };\n  span.end();\n}` },
    ],
    invalid: [
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } catch (error) {\n    log(error);\n  }\n  span.end();\n}`,
        errors: [{ messageId: 'notRecorded', line: 7, column: 5 }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try {\n    work();\n  } catch (error) {\n    span.recordException(error as Error);\n    span.setStatus({ code: SpanStatusCode.ERROR });\n    log(error);\n  }\n  span.end();\n}`,
      },
      {
        code: "import { SpanStatusCode, trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('t');\ntracer.startActiveSpan('op', (s) => {\n  try { work(); } catch { retry(); }\n  s.end();\n});",
        filename: 'case.js',
        errors: [{ messageId: 'notRecorded', line: 4, column: 19 }],
        output: "import { SpanStatusCode, trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('t');\ntracer.startActiveSpan('op', (s) => {\n  try { work(); } catch (error) {\n  s.recordException(error);\n  s.setStatus({ code: SpanStatusCode.ERROR }); retry(); }\n  s.end();\n});",
      },
      {
        code: `${PRELUDE.statscope}withSpan('op', () => {\n  try { work(); } catch (e) { log(e); }\n});`,
        errors: [{ messageId: 'notRecordedNoSpan', line: 3, column: 19 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) { log(e); throw e; }\n  span.end();\n}`,
        errors: [{ messageId: 'notRecorded', line: 5, column: 19 }],
        output: `${PRELUDE.otelApi}${PRELUDE.tracer}function f() {\n  const span = tracer.startSpan('op');\n  try { work(); } catch (e) {\n  span.recordException(e as Error);\n  span.setStatus({ code: SpanStatusCode.ERROR }); log(e); throw e; }\n  span.end();\n}`,
      },
    ],
  });
});
