// Imports statscope and @opentelemetry/api without installing them; prints where they resolved.
import { withSpan } from 'statscope';
import api, { trace } from '@opentelemetry/api';

console.log(JSON.stringify({ statscope: import.meta.resolve('statscope'), api: import.meta.resolve('@opentelemetry/api') }));
await withSpan('esm.fallback', async () => {
  trace.getActiveSpan()?.setAttribute('seen.through.api', true);
});
api.trace.getTracer('esm-program').startActiveSpan('api.span', (span) => span.end());
