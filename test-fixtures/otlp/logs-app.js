// Log lines inside and outside a span, exported by the Statscope preload as OTLP log records (sdk mode).
// `statscope` resolves through NODE_PATH to the runtime the extension ships (dist/node-path).
const { log, withSpan, createLogger } = require('statscope');

log.info('starting', { phase: 'boot' });
withSpan('checkout', () => {
  log.info('order placed', { order_id: 42 });
  createLogger({ name: 'db' }).warn('<script>alert(1)</script>', { table: 'orders' });
});
log.error('finished with an error', { error: new Error('boom') });
console.log('logs-app: done');
