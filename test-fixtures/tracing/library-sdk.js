// Starts sdk mode from code (no preload): startTracing() imports the installed OTel SDK packages.
// With HOST_PROVIDER=1 the program registers its own tracer provider first, so Statscope must not
// start a second SDK.
const { startTracing, withSpan, shutdownTracing, getTracingStats } = require(process.env.STATSCOPE_LIB || 'statscope');

async function main() {
  if (process.env.HOST_PROVIDER === '1') {
    const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
    require('@opentelemetry/api').trace.setGlobalTracerProvider(new BasicTracerProvider());
  }
  const handle = await startTracing({ mode: 'sdk', granularity: 'all' });
  console.log('mode', handle.mode, handle.reason || '');
  await withSpan('lib.outer', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    withSpan('lib.inner', () => undefined, { level: 'detail' });
  });
  if (process.env.EXPLICIT_SHUTDOWN === '1') {
    await shutdownTracing();
    console.log('stats', JSON.stringify(getTracingStats()));
  }
}

main();
