// The demo program: a small inference service. Run it with "Statscope: Run with Tracing" (or
// `npm start` in this folder through `statscope run`). It answers a burst of prediction requests,
// evaluates the model on a labelled sample now and then, and exits after about three seconds.
//
// Plain CommonJS so Node runs it as is; `require('statscope')` resolves to the runtime bundled with
// the extension when the package is not installed here.
'use strict';

const { counter, defineStats, gauge, histogram, log, withSpan } = require('statscope');

const stats = defineStats('model_server', {
  requests: counter({ description: 'Prediction requests answered', labels: ['model', 'status'] }),
  queueDepth: gauge({ description: 'Requests waiting for a model worker' }),
  predictionLatency: histogram({
    description: 'Time to answer one prediction request',
    unit: 'seconds',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  }),
  accuracy: gauge({ description: 'Share of correct predictions on the labelled sample', unit: 'ratio' }),
  drift: gauge({ description: 'Population stability index of the inputs against the training data' }),
  // Declared and used, but no request of this demo is ever that slow: live checks say it was never emitted.
  timeouts: counter({ description: 'Prediction requests slower than the timeout', labels: ['model'] }),
});

const MODEL = 'sentiment-v2';
const REQUESTS = 48;
const WORKERS = 4;
const TIMEOUT_SECONDS = 5;
const answered = stats.requests.labels({ model: MODEL, status: 'ok' });
const rejected = stats.requests.labels({ model: MODEL, status: 'error' });

/** A deterministic pseudo-random sequence, so every run looks alike. */
let seed = 42;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function handleRequest(id) {
  stats.queueDepth.inc();
  const started = performance.now();
  try {
    return await withSpan('handle_request', async (span) => {
      span.setAttribute('request.id', id);
      span.setAttribute('model.name', MODEL);
      const features = await withSpan('preprocess', () => preprocess(id));
      const label = await withSpan('model.predict', () => predict(features));
      await withSpan('postprocess', () => sleep(1 + random() * 2));
      answered.inc();
      log.info('prediction answered', { request_id: id, label });
      return label;
    });
  } catch (error) {
    rejected.inc();
    log.warn('request failed', { request_id: id, reason: error.message });
    return undefined;
  } finally {
    stats.queueDepth.dec();
    const seconds = (performance.now() - started) / 1000;
    stats.predictionLatency.observe(seconds);
    if (seconds > TIMEOUT_SECONDS) stats.timeouts.labels({ model: MODEL }).inc();
  }
}

async function preprocess(id) {
  await sleep(2 + random() * 4);
  if (id % 13 === 12) throw new Error(`request ${id}: empty input text`);
  return [random(), random(), random()];
}

async function predict(features) {
  await withSpan('model.forward', () => sleep(5 + random() * 25));
  return features[0] > 0.5 ? 'positive' : 'negative';
}

async function evaluate(round) {
  await withSpan('evaluate_model', async (span) => {
    span.setAttribute('evaluation.round', round);
    await sleep(20);
    stats.accuracy.set(0.93 - round * 0.01 - random() * 0.01);
    log.info('model evaluated', { round });
    stats.drift.set(0.05 + round * 0.03 + random() * 0.01);
  });
}

async function main() {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const id = next++;
      await handleRequest(id);
      await sleep(150 + random() * 100);
    }
  };
  const evaluations = (async () => {
    for (let round = 0; round < 3; round++) {
      await evaluate(round);
      await sleep(1000);
    }
  })();
  await Promise.all([...Array.from({ length: WORKERS }, worker), evaluations]);
  console.log(`answered ${REQUESTS} requests with model ${MODEL}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
