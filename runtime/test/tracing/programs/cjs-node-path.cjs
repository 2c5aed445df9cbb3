// Requires statscope and @opentelemetry/api from NODE_PATH; prints where the API resolved.
const { withSpan } = require('statscope');
const { trace } = require('@opentelemetry/api');

withSpan('cjs.fallback', () => trace.getActiveSpan()?.setAttribute('seen.through.api', true));
console.log(JSON.stringify({ api: require.resolve('@opentelemetry/api') }));
