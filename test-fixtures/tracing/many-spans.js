// Creates SPAN_COUNT spans (default 10000) synchronously, then exits normally, or (WAIT=1) prints
// "ready" and waits until it is killed.
const { withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const count = Number(process.env.SPAN_COUNT || 10000);

withSpan('batch', () => {
  for (let i = 0; i < count - 1; i++) withSpan('item', (span) => span.setAttribute('i', i));
});
if (process.env.WAIT === '1') {
  setInterval(() => undefined, 1000);
  console.log('ready');
} else {
  console.log('created', count);
}
