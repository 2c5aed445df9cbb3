import assert from 'node:assert/strict';
import { runToOtlpRequests } from '../files/otlp-json-export';
import { addToRun, parseRunFile } from '../files/run-file';
import { startReceiver } from '../receive/receiver';
import type { SpanRecord } from './model';
import type { Run } from './run';
import { RunStore } from './run-store';
import { MAX_ID_COPIES } from './span-row';
import { SpanTreeModel } from '../tree/span-tree-model';
import type { TreeNode } from '../tree/span-tree-model';
import { send } from '../test-support/http-test-client';
import { pb } from '../test-support/proto-writer';

const TRACE = '5b8aa5a2d2c872e8321cf37308d69df2';
const ROOT = '051581bf3cb55c13';
/** The id a Zipkin-style client and server span share. */
const SHARED = '0ed2e63cbe71f5a8';
const T = 1_700_000_000_000_000_000n;

interface TestSpan {
  readonly id: string;
  readonly parent?: string;
  readonly name: string;
  /** OTLP kind number (3 client, 2 server). */
  readonly kind: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly isError?: boolean;
}

/** The root, then the client and the server half of one call, both with the span id {@link SHARED}; the server failed. */
const CALL: readonly TestSpan[] = [
  { id: ROOT, name: 'GET /checkout', kind: 2, startMs: 0, endMs: 40 },
  { id: SHARED, parent: ROOT, name: 'POST /pay', kind: 3, startMs: 5, endMs: 30 },
  { id: SHARED, parent: ROOT, name: 'POST /pay', kind: 2, startMs: 7, endMs: 28, isError: true },
];

const nanos = (ms: number): bigint => T + BigInt(ms) * 1_000_000n;

function protoBody(spans: readonly TestSpan[]): Buffer {
  const span = (s: TestSpan): Buffer =>
    pb.message(
      2,
      pb.hex(1, TRACE),
      pb.hex(2, s.id),
      ...(s.parent === undefined ? [] : [pb.hex(4, s.parent)]),
      pb.bytes(5, s.name),
      pb.uint(6, s.kind),
      pb.fixed64(7, nanos(s.startMs)),
      pb.fixed64(8, nanos(s.endMs)),
      ...(s.isError === true ? [pb.message(15, pb.bytes(2, 'card declined'), pb.uint(3, 2))] : []),
    );
  const resource = pb.message(1, pb.message(1, pb.bytes(1, 'service.name'), pb.message(2, pb.bytes(1, 'shop'))));
  return pb.message(1, resource, pb.message(2, ...spans.map(span)));
}

function jsonBody(spans: readonly TestSpan[]): Buffer {
  const span = (s: TestSpan): object => ({
    traceId: TRACE,
    spanId: s.id,
    ...(s.parent === undefined ? {} : { parentSpanId: s.parent }),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: nanos(s.startMs).toString(),
    endTimeUnixNano: nanos(s.endMs).toString(),
    status: s.isError === true ? { code: 2, message: 'card declined' } : {},
  });
  return Buffer.from(JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] }, scopeSpans: [{ spans: spans.map(span) }] }] }));
}

/** The same call as a Jaeger export (as in the Jaeger UI's own fixtures: Zipkin-style spans sharing a spanID). */
function jaegerDocument(): object {
  const span = (s: TestSpan): object => ({
    traceID: TRACE,
    spanID: s.id,
    operationName: s.name,
    references: s.parent === undefined ? [] : [{ refType: 'CHILD_OF', traceID: TRACE, spanID: s.parent }],
    startTime: 1_700_000_000_000_000 + s.startMs * 1000,
    duration: (s.endMs - s.startMs) * 1000,
    tags: [{ key: 'span.kind', type: 'string', value: s.kind === 3 ? 'client' : 'server' }, ...(s.isError === true ? [{ key: 'error', type: 'bool', value: true }] : [])],
    processID: 'p1',
  });
  return { data: [{ traceID: TRACE, spans: CALL.map(span), processes: { p1: { serviceName: 'shop', tags: [] } } }] };
}

/** Checks that the run holds the whole call: both halves, the failed server half under the client half. */
function assertBothHalvesKept(run: Run): { client: SpanRecord; server: SpanRecord } {
  const stats = run.stats();
  assert.equal(stats.spanCount, 3);
  assert.equal(stats.errorSpanCount, 1, 'the failed server half is kept');
  assert.equal(stats.sharedIdSpanCount, 1);
  const trace = run.trace(TRACE);
  assert.ok(trace);
  assert.deepEqual(trace.roots().map((s) => s.spanId), [ROOT]);
  const [client, ...others] = trace.children(ROOT);
  assert.ok(client);
  assert.equal(others.length, 0);
  assert.equal(client.spanId, SHARED);
  assert.equal(client.kind, 'client');
  assert.equal(client.sharedSpanId, undefined);
  const [server] = trace.children(client.spanId);
  assert.ok(server);
  assert.equal(server.kind, 'server');
  assert.equal(server.isError, true);
  assert.equal(server.sharedSpanId, SHARED, 'marked as sharing the id');
  assert.notEqual(server.spanId, SHARED, 'kept under an id of its own');
  assert.equal(server.parentSpanId, ROOT, 'its parent as received');
  assert.equal(trace.parentOf(server), client);
  assert.equal(trace.span(server.spanId), server);
  assert.equal(run.span(TRACE, SHARED), client);
  return { client, server };
}

/** The exported spans as [spanId, parentSpanId, kind]: both halves go out with the id they came with. */
function exportedIds(run: Run): unknown[] {
  const [traces] = runToOtlpRequests(run);
  const spans = (traces as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<Record<string, unknown>> }> }> }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)); // The exporter's own shape.
  return spans.map((s) => [s['spanId'], s['parentSpanId'], s['kind']]);
}

describe('spans that share a span id', () => {
  let store: RunStore;
  beforeEach(() => {
    store = new RunStore();
  });
  afterEach(() => store.dispose());

  for (const encoding of ['protobuf', 'json'] as const) {
    it(`keeps both halves of a Zipkin-style call received as OTLP/${encoding}, and counts a resent request as duplicates`, async () => {
      const run = store.createRun({ label: encoding });
      const receiver = await startReceiver({ sink: run });
      try {
        const body = encoding === 'protobuf' ? protoBody(CALL) : jsonBody(CALL);
        const headers = { ...receiver.headers, 'content-type': encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json' };
        const first = await send(receiver.url, { path: '/v1/traces', headers, body });
        assert.equal(first.status, 200);
        assert.equal(receiver.stats().rejectedItems, 0, 'nothing reported as rejected');
        assertBothHalvesKept(run);
        // An exporter retrying the same request (its answer was lost) adds nothing.
        const again = await send(receiver.url, { path: '/v1/traces', headers, body });
        assert.equal(again.status, 200);
        assertBothHalvesKept(run);
        assert.equal(run.stats().duplicateSpanCount, 3);
      } finally {
        await receiver.close();
      }
      assert.deepEqual(exportedIds(run), [
        [ROOT, undefined, 2],
        [SHARED, ROOT, 3],
        [SHARED, ROOT, 2],
      ]);
    });
  }

  it('keeps both halves of a Jaeger export, through export and import again', () => {
    const run = store.createRun({ label: 'jaeger' }, 'imported');
    addToRun(run, parseRunFile(JSON.stringify(jaegerDocument())));
    const { server } = assertBothHalvesKept(run);
    const text = runToOtlpRequests(run).map((r) => `${JSON.stringify(r)}\n`).join('');
    const again = store.createRun({ label: 'again' }, 'imported');
    addToRun(again, parseRunFile(text));
    const copy = assertBothHalvesKept(again).server;
    assert.equal(copy.spanId, server.spanId, 'the same derived id again');
  });

  it('shows both halves in the span tree, each with its own node', () => {
    const run = store.createRun({ label: 'tree' }, 'imported');
    addToRun(run, parseRunFile(JSON.stringify(jaegerDocument())));
    const model = new SpanTreeModel(store);
    try {
      const only = (nodes: readonly TreeNode[]): TreeNode => {
        assert.equal(nodes.length, 1);
        return nodes[0] as TreeNode;
      };
      const traceNode = only(model.children(only(model.roots())));
      const rootNode = only(model.children(traceNode));
      const clientNode = only(model.children(rootNode));
      const serverNode = only(model.children(clientNode));
      assert.ok(clientNode.kind === 'span' && serverNode.kind === 'span');
      assert.equal(clientNode.hasChildren, true);
      assert.equal(serverNode.span.sharedSpanId, SHARED);
      assert.notEqual(serverNode.id, clientNode.id);
      assert.equal(model.find(serverNode.id)?.id, serverNode.id);
      assert.equal(model.parent(serverNode)?.id, clientNode.id);
      assert.equal(model.children(serverNode).length, 0);
    } finally {
      model.dispose();
    }
  });

  it(`reports spans past ${MAX_ID_COPIES} copies of one id as rejected in the OTLP partial success`, async () => {
    const run = store.createRun({ label: 'many' });
    const receiver = await startReceiver({ sink: run });
    try {
      const many = Array.from({ length: MAX_ID_COPIES + 2 }, (_, i): TestSpan => ({ id: SHARED, parent: ROOT, name: `attempt ${i}`, kind: 3, startMs: i, endMs: i + 1 }));
      const response = await send(receiver.url, { path: '/v1/traces', headers: { ...receiver.headers, 'content-type': 'application/json' }, body: jsonBody(many) });
      assert.equal(response.status, 200);
      const answer = JSON.parse(response.body.toString('utf8')) as { partialSuccess?: { rejectedSpans?: string } };
      assert.equal(answer.partialSuccess?.rejectedSpans, '1');
      assert.equal(run.stats().spanCount, MAX_ID_COPIES + 1);
      assert.equal(run.stats().sharedIdSpanCount, MAX_ID_COPIES);
      assert.equal(run.stats().duplicateSpanCount, 1);
    } finally {
      await receiver.close();
    }
  });
});
