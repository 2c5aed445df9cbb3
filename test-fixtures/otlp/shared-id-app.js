// Sends a client and a server span that share one span id, as Zipkin-instrumented services do
// (the server half failed). `statscope run` keeps both and says so in its summary.
const http = require('node:http');

const endpoint = new URL(process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
const headers = Object.fromEntries(
  (process.env.OTEL_EXPORTER_OTLP_HEADERS ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), decodeURIComponent(pair.slice(pair.indexOf('=') + 1).trim())]),
);
const traceId = '5b8efff798038103d269b633813fc60c';
const spanId = 'eee19b7ec3c1b174';
const span = (kind, name, status) => ({
  traceId,
  spanId,
  name,
  kind,
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000100000000',
  status: { code: status },
});
const body = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shared-id-app' } }] },
      scopeSpans: [{ spans: [span(3, 'GET /orders', 0), span(2, 'GET /orders', 2)] }],
    },
  ],
});
const req = http.request(new URL('/v1/traces', endpoint), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } }, (res) => {
  res.resume();
  res.on('end', () => console.log(`shared-id-app: ${res.statusCode}`));
});
req.end(body);
