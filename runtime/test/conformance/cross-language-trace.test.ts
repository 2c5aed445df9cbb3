/**
 * One trace across languages: a Node program (this runtime, preloaded) calls a Python HTTP service (the
 * Python runtime, preloaded with `python -m statscope.run`), which calls back into the Node program. Both
 * export to one OTLP receiver; the four HTTP spans share one trace id, each hop the child of the one before.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot } from '../helpers';
import { OtlpReceiver } from '../tracing/support/otlp-receiver';
import { fixtureEnv, startFixture } from '../tracing/support/run-fixture';
import { ensureRuntimeBundles } from '../tracing/support/runtime-bundles';

const PYTHON_SERVICE = `
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
from statscope.http import urlopen, wsgi_middleware

port, callback = int(sys.argv[1]), int(sys.argv[2])

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

def app(environ, start_response):
    answer = urlopen(f"http://127.0.0.1:{callback}/callback", timeout=10).read()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"python+" + answer]

server = make_server("127.0.0.1", port, wsgi_middleware(app), handler_class=Quiet)
print("listening", flush=True)
server.serve_forever()
`;

const NODE_PROGRAM = `
const http = require('node:http');
const [pyPort, ownPort] = process.argv.slice(2).map(Number);
const server = http.createServer((req, res) => res.end('node'));
server.listen(ownPort, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: pyPort, path: '/predict' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => {
      console.log('answer', body);
      server.close();
    });
  });
});
`;

describe('one trace across Node and Python', function () {
  this.timeout(120_000);
  const receiver = new OtlpReceiver();
  let dir = '';

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
    dir = mkdtempSync(join(tmpdir(), 'statscope-cross-'));
    writeFileSync(join(dir, 'service.py'), PYTHON_SERVICE);
    writeFileSync(join(dir, 'node-app.cjs'), NODE_PROGRAM);
  });
  after(async () => {
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Node client → Python server → Python client → Node server share one trace with correct parents', async () => {
    const [pyPort, nodePort] = [await freePort(), await freePort()];
    const common = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
    const python = spawn('python3', ['-m', 'statscope.run', join(dir, 'service.py'), String(pyPort), String(nodePort)], {
      cwd: dir,
      env: fixtureEnv({ ...common, OTEL_SERVICE_NAME: 'py-service', PYTHONPATH: join(repoRoot(), 'runtime', 'python'), PYTHONDONTWRITEBYTECODE: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pyOut = '';
    python.stdout.on('data', (c: Buffer) => (pyOut += c.toString('utf8')));
    python.stderr.on('data', (c: Buffer) => (pyOut += c.toString('utf8')));
    const pythonExit = new Promise<number | null>((resolve) => python.on('close', (code) => resolve(code)));
    try {
      await receiver.waitFor(() => pyOut.includes('listening'), 20_000, `the Python service to listen (${pyOut})`);
      const node = startFixture(join(dir, 'node-app.cjs'), { cwd: dir, args: [String(pyPort), String(nodePort)], env: { ...common, OTEL_SERVICE_NAME: 'node-app' } });
      const result = await node.done;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /answer python\+node/);
    } finally {
      python.kill('SIGTERM');
    }
    assert.equal(await pythonExit, 143, pyOut);
    await receiver.waitFor(() => receiver.spans.length >= 4, 20_000, 'four HTTP spans');

    const services = (service: string): typeof receiver.spans => receiver.spans.filter((s) => s.resource['service.name'] === service);
    const nodeClient = services('node-app').find((s) => s.kind === 3);
    const nodeServer = services('node-app').find((s) => s.kind === 2);
    const pyServer = services('py-service').find((s) => s.kind === 2);
    const pyClient = services('py-service').find((s) => s.kind === 3);
    assert.ok(nodeClient && nodeServer && pyServer && pyClient, JSON.stringify(receiver.spans.map((s) => [s.name, s.kind, s.resource['service.name']])));
    assert.equal(new Set([nodeClient.traceId, pyServer.traceId, pyClient.traceId, nodeServer.traceId]).size, 1);
    assert.equal(pyServer.parentSpanId, nodeClient.spanId);
    assert.equal(pyClient.parentSpanId, pyServer.spanId);
    assert.equal(nodeServer.parentSpanId, pyClient.spanId);
    assert.equal(pyServer.attributes['http.response.status_code'], 200);
  });
});
