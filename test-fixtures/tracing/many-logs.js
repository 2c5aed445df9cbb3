// Writes LOG_COUNT log lines inside a span, then exits normally or, with MODE=process-exit, by
// process.exit(3) while the lines are still queued for export.
const { log, withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const count = Number(process.env.LOG_COUNT || '10');

withSpan('logging', () => {
  for (let i = 0; i < count; i++) log.info('line', { i });
});
if (process.env.MODE === 'process-exit') process.exit(3);
