import assert from 'node:assert/strict';
import { formatJson, formatPretty, formatRecord } from './format';
import type { LogRecord } from './format';

const TIME = Date.UTC(2025, 0, 2, 3, 4, 5, 6);
const base: LogRecord = { time: TIME, level: 'info', message: 'hello', service: 'svc' };

describe('log format', () => {
  it('json: one object with time, level, message, service, then ids and attributes', () => {
    const line = formatJson({ ...base, name: 'api', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: { user: 'u1', count: 2 } });
    assert.equal(line, `{"time":"2025-01-02T03:04:05.006Z","level":"info","message":"hello","service":"svc","logger":"api","trace_id":"${'a'.repeat(32)}","span_id":"${'b'.repeat(16)}","user":"u1","count":2}`);
    assert.ok(!line.includes('\n'));
  });

  it('json: attributes never overwrite core keys; errors, bigints and cycles are rendered', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const parsed = JSON.parse(formatJson({ ...base, attributes: { level: 'fake', error: new RangeError('bad'), big: 10n, cyclic } })) as Record<string, unknown>;
    assert.equal(parsed['level'], 'info');
    assert.equal(parsed['attr.level'], 'fake');
    assert.deepEqual(Object.keys(parsed['error'] as object), ['type', 'message', 'stack']);
    assert.equal((parsed['error'] as { type: string }).type, 'RangeError');
    assert.equal(parsed['big'], '10');
    assert.equal(parsed['cyclic'], '[object Object]');
  });

  it('pretty: local time, padded level, name, message, key=value, trace id, error stack', () => {
    const d = new Date(TIME);
    const hh = String(d.getHours()).padStart(2, '0');
    const mm = String(d.getMinutes()).padStart(2, '0');
    assert.equal(formatPretty({ ...base, attributes: { user: 'u1', note: 'two words', n: 3 } }), `${hh}:${mm}:05.006 INFO  hello user=u1 note="two words" n=3`);
    assert.equal(formatPretty({ ...base, level: 'error', name: 'db', traceId: 'c'.repeat(32) }), `${hh}:${mm}:05.006 ERROR [db] hello trace_id=${'c'.repeat(32)}`);
    const withError = formatPretty({ ...base, level: 'warn', attributes: { error: new Error('oops') } });
    assert.match(withError, /WARN {2}hello error="Error: oops"\nError: oops\n\s+at /);
  });

  it('formatRecord picks the format', () => {
    assert.equal(formatRecord(base, 'json'), formatJson(base));
    assert.equal(formatRecord(base, 'pretty'), formatPretty(base));
  });
});
