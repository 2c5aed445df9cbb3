// The demo's gateway: starts the Python model service (model_service/server.py) as a child process and
// forwards a burst of prediction requests to it over HTTP. Run it with "Statscope: Run with Tracing" (or the
// "Gateway and model service" launch configuration): both processes are traced, the Python one by the
// Python runtime Run with Tracing preloads, and each request is one trace that crosses from Node.js into
// Python (the W3C `traceparent` header carries it). STATSCOPE_DEMO_PYTHON names the Python interpreter
// (default python3).
'use strict';

const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');
const { counter, defineStats, histogram, withSpan } = require('statscope');

const stats = defineStats('gateway', {
  requests: counter({ description: 'Requests forwarded to the model service, by its answer', labels: ['status'] }),
  upstreamLatency: histogram({
    description: 'Time the model service took to answer one request',
    unit: 'seconds',
    buckets: [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
  }),
});

const PYTHON = process.env.STATSCOPE_DEMO_PYTHON || (process.platform === 'win32' ? 'python' : 'python3');
const SERVICE = path.join(__dirname, '..', 'model_service', 'server.py');
const TEXTS = ['great product, would buy again', 'arrived broken', 'fine I guess', 'the best purchase this year', ''];
const REQUESTS = 8;

/** Starts the model service and resolves once it printed the URL it listens on. */
function startModelService() {
  const child = spawn(PYTHON, [SERVICE, '--serve'], {
    // Its own service name; everything else (the receiver, the token, the Python preload) is inherited.
    env: { ...process.env, OTEL_SERVICE_NAME: 'model-service' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const closed = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`could not start ${PYTHON} (set STATSCOPE_DEMO_PYTHON): ${error.message}`)));
    closed.then((code) => reject(new Error(`the model service exited with code ${code} before it listened`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) resolve({ url: listening[1], stop: () => (child.stdin.end(), closed) });
      else console.log(`[model service] ${line}`);
    });
  });
}

/** POSTs JSON and resolves with the status and the parsed answer. */
function postJson(url, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, answer: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(data);
  });
}

async function forward(service, id) {
  return withSpan('gateway.predict', async (span) => {
    span.setAttribute('request.id', id);
    const started = performance.now();
    const { status, answer } = await postJson(`${service.url}/predict`, { text: TEXTS[id % TEXTS.length] });
    stats.upstreamLatency.observe((performance.now() - started) / 1000);
    stats.requests.labels({ status: String(status) }).inc();
    span.setAttribute('prediction.label', answer.label ?? 'none');
    return answer;
  });
}

async function main() {
  const service = await startModelService();
  try {
    for (let id = 0; id < REQUESTS; id++) await forward(service, id);
  } finally {
    await service.stop();
  }
  console.log(`forwarded ${REQUESTS} requests to the model service at ${service.url}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
