// A host application with its own OpenTelemetry SDK; Statscope (preloaded, STATSCOPE_MODE=api)
// only uses the API, so its spans reach the host's exporter.
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { trace } = require('@opentelemetry/api');
const { withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');

const exported = [];
const exporter = {
  export(spans, done) {
    for (const s of spans) exported.push({ name: s.name, filepath: typeof s.attributes['code.filepath'] === 'string' });
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
withSpan('host.work', () => undefined);
console.log('host exported', JSON.stringify(exported));
