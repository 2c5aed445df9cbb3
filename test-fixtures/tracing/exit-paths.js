// Ways a program ends, chosen by MODE: process.exit(3) with spans pending, an uncaught exception,
// an unended span with a normal exit, SIGINT while waiting, a program with its own SIGTERM handler.
const { withSpan, startSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const mode = process.env.MODE;

withSpan('before-exit-work', () => undefined);

if (mode === 'process-exit') {
  withSpan('last', () => undefined);
  process.exit(3);
} else if (mode === 'throw') {
  startSpan('leaked-before-throw');
  setTimeout(() => withSpan('throwing', () => {
    throw new Error('uncaught boom');
  }), 5);
} else if (mode === 'unended') {
  const leaked = startSpan('leaked');
  leaked.setAttribute('note', 'never ended');
  console.log('leaked one');
} else if (mode === 'wait') {
  setInterval(() => undefined, 1000);
  console.log('ready');
} else if (mode === 'own-handler') {
  const timer = setInterval(() => undefined, 1000);
  process.on('SIGTERM', () => {
    withSpan('graceful-shutdown', () => undefined);
    clearInterval(timer);
    console.log('handled SIGTERM');
    process.exitCode = 4;
  });
  console.log('ready');
}
