import assert from 'node:assert/strict';
import { getRegistry } from '../metrics/define-stats';
import { countDroppedSpans } from './span-drop-metric';

describe('dropped spans metric', () => {
  it('counts dropped spans by reason in statscope_spans_dropped_total of the global registry', () => {
    const before = getRegistry().serialize('prometheus');
    countDroppedSpans('queue_full', 3);
    countDroppedSpans('queue_full', 2);
    countDroppedSpans('export_failed', 7);
    const text = getRegistry().serialize('prometheus');
    assert.ok(!before.includes('statscope_spans_dropped_total{'), 'declared on the first drop only');
    assert.ok(text.includes('statscope_spans_dropped_total{reason="queue_full"} 5\n'), text);
    assert.ok(text.includes('statscope_spans_dropped_total{reason="export_failed"} 7\n'), text);
  });
});
