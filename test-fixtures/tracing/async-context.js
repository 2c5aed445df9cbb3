// Parent/child relations across await, timers, setImmediate, promise combinators and an EventEmitter.
const { withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const { EventEmitter } = require('node:events');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await withSpan('root', async () => {
    await sleep(2);
    await withSpan('after-await', async () => {
      await sleep(1);
      withSpan('nested-after-await', () => undefined);
    });
    await new Promise((resolve) => setTimeout(() => withSpan('in-timeout', () => resolve()), 3));
    await new Promise((resolve) => setImmediate(() => withSpan('in-immediate', () => resolve())));
    await Promise.all([1, 2].map((i) => withSpan(`parallel-${i}`, async () => sleep(i))));
    const emitter = new EventEmitter();
    const heard = new Promise((resolve) => emitter.once('tick', () => withSpan('in-listener', () => resolve())));
    setTimeout(() => emitter.emit('tick'), 1);
    await heard;
    queueMicrotask(() => withSpan('in-microtask', () => undefined));
  });
  // A second trace started later: must not inherit the first one's context.
  await sleep(5);
  withSpan('second-root', () => undefined);
}

main();
