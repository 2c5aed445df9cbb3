// A small program using the statscope library: nested spans (sync and async), a manual span,
// attributes, and a failing span. Run with the preload; exits normally.
const { withSpan, startSpan } = require(process.env.STATSCOPE_LIB || 'statscope');

function parse(text) {
  return withSpan('parse', (span) => {
    span.setAttribute('input.length', text.length);
    return JSON.parse(text);
  }, { level: 'segment' });
}

async function main() {
  await withSpan('job', async () => {
    parse('{"a":1}');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const manual = startSpan('manual', { attributes: { 'manual.kind': 'demo' } });
    manual.end();
    try {
      withSpan('explode', () => {
        throw new TypeError('boom');
      });
    } catch (error) {
      // expected
    }
  }, { attributes: { 'job.id': 7 } });
  // A metric through the OTel API: pushed over OTLP when the preload has a metrics endpoint.
  require('@opentelemetry/api').metrics.getMeter('basic-fixture').createCounter('fixture.runs').add(1);
  console.log('done');
  // Lets periodic exporters run when a test asks for it.
  const linger = Number(process.env.FIXTURE_LINGER_MS || 0);
  if (linger > 0) await new Promise((resolve) => setTimeout(resolve, linger));
}

main();
