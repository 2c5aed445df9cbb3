import assert from 'node:assert/strict';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from '../../../runs/store/record-defaults';
import type { LogEntry } from '../../../runs/store/model';
import { makeLog } from '../../../runs/store/records';
import { RunStore } from '../../../runs/store/run-store';
import type { Run } from '../../../runs/store/run';
import { testSpan } from '../../../runs/test-support/test-records';
import { isLogsWebviewMessage } from './is-webview-message';
import { DEFAULT_LOG_FILTER, levelOf, logsRunView, MAX_LOG_LINES } from './logs-view-model';

const SCRIPT = '<script>alert(1)</script>';

function logLine(body: string, severityNumber: number, extra: Partial<Parameters<typeof makeLog>[0]> = {}): LogEntry {
  return makeLog({
    timeUnixNano: 1_700_000_000_000_000_000n,
    observedTimeUnixNano: 0n,
    severityNumber,
    severityText: '',
    body,
    attributes: [],
    traceId: '',
    spanId: '',
    flags: 0,
    eventName: '',
    resource: EMPTY_RESOURCE,
    scope: EMPTY_SCOPE,
    droppedAttributesCount: 0,
    ...extra,
  });
}

function withRun(check: (run: Run) => void, maxLogsPerRun?: number): void {
  const store = new RunStore(maxLogsPerRun === undefined ? {} : { maxLogsPerRun });
  try {
    check(store.createRun({ label: 'app.js' }));
  } finally {
    store.dispose();
  }
}

describe('logs panel view model', () => {
  it('maps OTLP severities to levels (number ranges first, then the text)', () => {
    assert.equal(levelOf({ severityNumber: 9, severityText: '' }), 'info');
    assert.equal(levelOf({ severityNumber: 12, severityText: '' }), 'info', 'INFO4');
    assert.equal(levelOf({ severityNumber: 13, severityText: 'whatever' }), 'warn');
    assert.equal(levelOf({ severityNumber: 24, severityText: '' }), 'fatal');
    assert.equal(levelOf({ severityNumber: 0, severityText: 'WARNING' }), 'warn');
    assert.equal(levelOf({ severityNumber: 0, severityText: 'Error' }), 'error');
    assert.equal(levelOf({ severityNumber: 0, severityText: '' }), 'unspecified');
  });

  it('links a line to the span it was written in, and keeps hostile text verbatim', () => {
    withRun((run) => {
      const span = testSpan({ id: 1, name: 'checkout', start: 0, end: 10 });
      run.addSpans([span]);
      run.addLogs([
        logLine(SCRIPT, 9, { traceId: span.traceId, spanId: span.spanId, attributes: [{ key: 'order', value: '<img src=x>' }], scope: { ...EMPTY_SCOPE, name: 'db' } }),
        logLine('no span', 9),
        logLine('span not exported', 9, { traceId: span.traceId, spanId: 'ffffffffffffffff' }),
      ]);
      const view = logsRunView(run, DEFAULT_LOG_FILTER);
      assert.deepEqual(view.lines.map((l) => [l.message, l.attributes, l.logger, l.span?.name]), [
        [SCRIPT, 'order=<img src=x>', 'db', 'checkout'],
        ['no span', '', '', undefined],
        ['span not exported', '', '', 'span ffffffffffffffff'],
      ]);
      assert.deepEqual(view.lines[0]?.span, { traceId: span.traceId, spanId: span.spanId, name: 'checkout' });
      assert.equal(view.summary, '3 log records');
      run.logs.add(logLine('one more', 9));
      assert.equal(logsRunView(run, { minLevel: 'all', text: 'one more' }).summary, '4 log records · 1 matches the filter');
      assert.doesNotThrow(() => JSON.stringify(view));
    });
  });

  it('filters by lowest level and by text (message, attributes, logger, span name), case-insensitively', () => {
    withRun((run) => {
      const span = testSpan({ id: 2, name: 'Payment', start: 0, end: 10 });
      run.addSpans([span]);
      run.addLogs([
        logLine('debug detail', 5),
        logLine('order placed', 9, { attributes: [{ key: 'order_id', value: 42n }] }),
        logLine('slow query', 13, { scope: { ...EMPTY_SCOPE, name: 'db' } }),
        logLine('charge failed', 17, { traceId: span.traceId, spanId: span.spanId }),
        logLine('no severity', 0),
      ]);
      const messages = (minLevel: Parameters<typeof logsRunView>[1]['minLevel'], text = ''): string[] => logsRunView(run, { minLevel, text }).lines.map((l) => l.message);
      assert.deepEqual(messages('all'), ['debug detail', 'order placed', 'slow query', 'charge failed', 'no severity']);
      assert.deepEqual(messages('warn'), ['slow query', 'charge failed']);
      assert.deepEqual(messages('all', 'ORDER_ID=42'), ['order placed']);
      assert.deepEqual(messages('all', 'db'), ['slow query'], 'the logger name');
      assert.deepEqual(messages('all', 'payment'), ['charge failed'], 'the span name');
      assert.equal(logsRunView(run, { minLevel: 'warn', text: '' }).summary, '5 log records · 2 match the filter');
    });
  });

  it('sends the newest lines only, in time order, and says how many older ones match and how many the run dropped', () => {
    withRun((run) => {
      const lines: LogEntry[] = [];
      for (let i = 0; i < MAX_LOG_LINES + 260; i++) lines.push(logLine(`line ${i}`, 9, { timeUnixNano: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n }));
      // The last two arrive out of order (two export batches): the panel orders by time.
      lines.push(...lines.splice(-2).reverse());
      run.addLogs(lines);
      const view = logsRunView(run, DEFAULT_LOG_FILTER);
      assert.equal(view.lines.length, MAX_LOG_LINES);
      assert.equal(view.olderMatching, 200, `${MAX_LOG_LINES + 200} kept by the run`);
      assert.equal(view.lines[0]?.message, 'line 260');
      assert.equal(view.lines[view.lines.length - 1]?.message, `line ${MAX_LOG_LINES + 259}`);
      assert.match(view.summary, /^1,200 log records · 60 older records dropped \(run limit\)/);
    }, MAX_LOG_LINES + 200);
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.ok(isLogsWebviewMessage({ type: 'filterLogs', filter: { minLevel: 'warn', text: 'x' } }));
    assert.ok(isLogsWebviewMessage({ type: 'revealLogSpan', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }));
    assert.equal(isLogsWebviewMessage({ type: 'filterLogs', filter: { minLevel: 'loud', text: '' } }), false);
    assert.equal(isLogsWebviewMessage({ type: 'filterLogs', filter: { minLevel: 'all', text: 'x'.repeat(5_000) } }), false);
    assert.equal(isLogsWebviewMessage({ type: 'revealLogSpan', traceId: '<script>', spanId: 'b'.repeat(16) }), false);
    assert.equal(isLogsWebviewMessage({ type: 'toggleFullWidth' }), false);
  });
});
