// One request with spans at every level. An operation-level span sits under a detail span, so
// lower granularities show it attached to its nearest created ancestor.
const { withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');

withSpan('handle-request', () => {
  withSpan('load-user', () => {
    withSpan('parse-row', () => {
      withSpan('db.query', () => undefined, { level: 'operation' });
    }, { level: 'detail' });
  }, { level: 'segment' });
  withSpan('render', () => {
    withSpan('template', () => undefined, { level: 'detail' });
  }, { level: 'segment' });
}, { level: 'operation' });
console.log('done');
