import assert from 'node:assert/strict';
import { escapeHelpOpenMetrics, escapeHelpText, escapeLabelValue, formatBound, formatNumber } from './text-format';
import { negotiateFormat } from './negotiate';

describe('exposition text: escaping, numbers, negotiation', () => {
  it('escapes label values: backslash, double quote, newline', () => {
    assert.equal(escapeLabelValue('plain'), 'plain');
    assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
    assert.equal(escapeLabelValue('\\n'), '\\\\n', 'a literal backslash-n stays two characters');
    assert.equal(escapeLabelValue('tab\tcr\r{}=,'), 'tab\tcr\r{}=,');
  });

  it('escapes HELP per format', () => {
    assert.equal(escapeHelpText('say "hi"\\\n'), 'say "hi"\\\\\\n');
    assert.equal(escapeHelpOpenMetrics('say "hi"\\\n'), 'say \\"hi\\"\\\\\\n');
  });

  it('formats numbers and bounds', () => {
    assert.deepEqual([NaN, Infinity, -Infinity, 0, -0, 1.5, 1e21, 1e-7].map(formatNumber), ['NaN', '+Inf', '-Inf', '0', '-0', '1.5', '1e+21', '1e-7']);
    assert.deepEqual([1, 0.5, 10, 1e21].map((b) => formatBound(b, true)), ['1.0', '0.5', '10.0', '1e+21']);
    assert.deepEqual([1, 0.5].map((b) => formatBound(b, false)), ['1', '0.5']);
  });

  it('negotiates OpenMetrics only when preferred at least as much as text', () => {
    const prometheus = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    assert.equal(negotiateFormat(prometheus), 'openmetrics');
    assert.equal(negotiateFormat('application/openmetrics-text'), 'openmetrics');
    assert.equal(negotiateFormat('text/plain;version=0.0.4'), 'prometheus');
    assert.equal(negotiateFormat('*/*'), 'prometheus');
    assert.equal(negotiateFormat(undefined), 'prometheus');
    assert.equal(negotiateFormat('application/openmetrics-text;q=0.2,text/plain;q=0.9'), 'prometheus');
    assert.equal(negotiateFormat('application/openmetrics-text;version=2.0.0'), 'prometheus');
    assert.equal(negotiateFormat('application/openmetrics-text;q=0'), 'prometheus');
    assert.equal(negotiateFormat(';;,,garbage=;q=abc'), 'prometheus');
  });
});
