// Sends telemetry the receiver must refuse, the way misconfigured exporters do: one OTLP/gRPC
// connection (HTTP/2 with prior knowledge, as gRPC exporters connect to an http:// endpoint) and two
// OTLP/HTTP requests with a content type the receiver does not speak. `statscope run` must say so.
const http = require('node:http');
const net = require('node:net');

const endpoint = new URL(process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
const headers = Object.fromEntries(
  (process.env.OTEL_EXPORTER_OTLP_HEADERS ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), decodeURIComponent(pair.slice(pair.indexOf('=') + 1).trim())]),
);

function grpcConnection() {
  return new Promise((resolve) => {
    const socket = net.connect(Number(endpoint.port), endpoint.hostname, () => socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
    socket.on('error', resolve);
    socket.on('close', resolve);
    socket.resume();
  });
}

function textPost() {
  return new Promise((resolve) => {
    const req = http.request(new URL('/v1/traces', endpoint), { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', resolve);
    req.end('spans');
  });
}

(async () => {
  await grpcConnection();
  await textPost();
  await textPost();
  console.log('wrong-protocol-app: done');
})();
