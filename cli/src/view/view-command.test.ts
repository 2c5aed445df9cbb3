import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRunFile } from '../../../runs/index';
import { parseViewArgs, viewCommand } from './view-command';
import type { ViewCommandIo } from './view-command';

const FIXTURES = resolve(__dirname, '../../../../test-fixtures/otlp');

function capture(): { io: ViewCommandIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: ViewCommandIo = { cwd: FIXTURES, writeOut: (t) => (out += t), writeErr: (t) => (err += t), color: false };
  return { io, out: () => out, err: () => err };
}

describe('statscope view', () => {
  it('parses its arguments', () => {
    assert.deepEqual(parseViewArgs(['run.json']), { kind: 'view', args: { file: 'run.json', format: 'tree', out: undefined, maxLines: 200, filter: undefined } });
    assert.deepEqual(parseViewArgs(['--format', 'otlp-json', 'a.json', '--out', 'b.jsonl']), { kind: 'view', args: { file: 'a.json', format: 'otlp-json', out: 'b.jsonl', maxLines: 200, filter: undefined } });
    assert.deepEqual(parseViewArgs(['-h']), { kind: 'help' });
    for (const bad of [[], ['a', 'b'], ['a', '--format', 'xml'], ['a', '--max-lines', '0'], ['a', '--bogus'], ['a', '--out'], ['a', '--filter'], ['a', '--filter', 'x', '--format', 'otlp-json']]) {
      assert.equal(parseViewArgs(bad).kind, 'error', bad.join(' '));
    }
  });

  it('prints the span tree and composites of a collector file-exporter file', async () => {
    const c = capture();
    assert.equal(await viewCommand(['collector-file-exporter.jsonl'], c.io), 0, c.err());
    assert.match(c.out(), /^collector-file-exporter\.jsonl: 3 spans in 1 trace, 4 metric series, 1 log record$/m);
    assert.match(c.out(), /^trace 5b8efff7… · POST \/checkout · 250\.0 ms · 3 spans · 1 error$/m);
    assert.match(c.out(), /^ {3}└─ charge card {2}140\.0 ms {2}✗ error: card declined$/m);
    // One table per kind, each with its own statistics: never avg/min/max of a counter's cumulative samples.
    assert.match(c.out(), /^metric +labels +kind +total +increase +rate$/m);
    assert.match(c.out(), /^checkout_requests_total +outcome=declined +counter +3 +3 +0\.3\/s$/m);
    assert.match(c.out(), /^metric +labels +kind +last +min +max +avg$/m);
    assert.match(c.out(), /^checkout_queue_depth +gauge +2 +2 +2 +2$/m);
    assert.match(c.out(), /^metric +labels +kind +count +sum +avg +p50 +p95 +p99$/m);
    assert.match(c.out(), /^checkout_duration_seconds \(s\) +histogram +44 +8\.8 +0\.2 +0\.26 +0\.5 +0\.5$/m);
  });

  it('prints only the spans a --filter query matches, with their ancestors', async () => {
    const c = capture();
    assert.equal(await viewCommand(['collector-file-exporter.jsonl', '--filter', 'service.name=checkout status=error >100ms'], c.io), 0, c.err());
    assert.match(c.out(), /^filter 'service\.name=checkout status=error >100ms': 1 matching span$/m);
    assert.match(c.out(), /^└─ POST \/checkout {2}250\.0 ms$/m);
    assert.match(c.out(), /^ {3}└─ charge card {2}140\.0 ms {2}✗ error: card declined$/m);
    assert.doesNotMatch(c.out(), /reserve stock/);

    const byAttribute = capture();
    assert.equal(await viewCommand(['collector-file-exporter.jsonl', '--filter', 'code.filepath="/srv/checkout/stock.js"'], byAttribute.io), 0, byAttribute.err());
    assert.match(byAttribute.out(), /reserve stock/);
    assert.doesNotMatch(byAttribute.out(), /charge card/);

    const none = capture();
    assert.equal(await viewCommand(['collector-file-exporter.jsonl', '--filter', 'service.name=other'], none.io), 0, none.err());
    assert.match(none.out(), /: 0 matching spans$/m);
    assert.doesNotMatch(none.out(), /^trace /m);
  });

  it('exits 2 with the reason for a bad --filter query', async () => {
    const c = capture();
    assert.equal(await viewCommand(['collector-file-exporter.jsonl', '--filter', 'status=broken'], c.io), 2);
    assert.match(c.err(), /^statscope view: bad --filter 'status=broken': unknown status 'broken': use error, ok or unset/m);
  });

  it('converts a Jaeger export to OTLP/JSON Lines that read back as the same spans', async () => {
    const c = capture();
    assert.equal(await viewCommand(['jaeger-export.json', '--format', 'otlp-json'], c.io), 0, c.err());
    const original = parseRunFile(await readFile(join(FIXTURES, 'jaeger-export.json'), 'utf8'));
    const lines = c.out().split('\n').filter((line) => line !== '');
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(Array.isArray((JSON.parse(line) as { resourceSpans?: unknown }).resourceSpans), line.slice(0, 80));
    const converted = parseRunFile(c.out());
    assert.notEqual(converted.format, 'jaeger-json');
    assert.deepEqual(
      converted.spans.items.map((s) => [s.traceId, s.spanId, s.parentSpanId, s.name]).sort(),
      original.spans.items.map((s) => [s.traceId, s.spanId, s.parentSpanId, s.name]).sort(),
    );
  });

  it('writes to --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'statscope-view-'));
    try {
      const c = capture();
      const out = join(dir, 'run.jsonl');
      assert.equal(await viewCommand(['otlp-traces.json', '--format', 'otlp-json', '--out', out], c.io), 0, c.err());
      assert.equal(c.out(), '');
      assert.ok(parseRunFile(await readFile(out, 'utf8')).spans.items.length > 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a message for a missing or malformed file, 2 for usage errors', async () => {
    const missing = capture();
    assert.equal(await viewCommand(['no-such-file.json'], missing.io), 1);
    assert.match(missing.err(), /^statscope view: no such file: .*no-such-file\.json$/m);
    const malformed = capture();
    assert.equal(await viewCommand(['README.md'], malformed.io), 1);
    assert.match(malformed.err(), /not a JSON run file/);
    const usage = capture();
    assert.equal(await viewCommand([], usage.io), 2);
    assert.match(usage.err(), /Usage: statscope view/);
  });
});
