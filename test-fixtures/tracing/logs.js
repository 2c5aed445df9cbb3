// Logs inside and outside spans with the statscope logger.
const { withSpan, log, createLogger } = require(process.env.STATSCOPE_LIB || 'statscope');

log.info('starting', { version: 1 });
withSpan('work', () => {
  log.debug('debug detail');
  log.warn('inside span', { items: 3 });
  createLogger({ name: 'child' }).error('failed step', { error: new Error('bad') });
});
log.info('finished');
