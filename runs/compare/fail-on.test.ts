import assert from 'node:assert/strict';
import { judgeRegressions, parseFailOn } from './fail-on';
import type { FailOnRule } from './fail-on';
import type { SpanComparison } from './span-compare';
import type { SpanNameStats } from './span-stats';

function rules(...values: string[]): readonly FailOnRule[] {
  const parsed = parseFailOn(values);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.rules;
}

function stats(name: string, p50Ms: number, p95Ms: number, errorCount = 0): SpanNameStats {
  return { name, count: 10, errorCount, p50Ms, p95Ms, maxMs: p95Ms * 2, code: undefined, sortedDurationsMs: new Float64Array(0) };
}

function row(name: string, base: SpanNameStats | undefined, head: SpanNameStats | undefined, pValue: number | undefined): SpanComparison {
  return { name, base, head, pValue, isBeyondNoise: false, code: undefined };
}

describe('--fail-on', () => {
  it('parses relative, absolute and count thresholds, per span name, comma-separated or repeated', () => {
    const parsed = rules('p95:+20%, p50:+5ms', 'errors:+1,max:2s@GET /predict, v2', 'p50:+10%@a:b@c');
    assert.deepEqual(
      parsed.map((r) => [r.stat, r.amount, r.unit, r.spanName]),
      [
        ['p95', 20, '%', undefined],
        ['p50', 5, 'ms', undefined],
        ['errors', 1, 'count', undefined],
        ['max', 2000, 'ms', 'GET /predict, v2'],
        ['p50', 10, '%', 'a:b@c'],
      ],
    );
  });

  it('rejects malformed rules with the rule and the reason', () => {
    const error = (value: string): string => {
      const parsed = parseFailOn([value]);
      return 'error' in parsed ? parsed.error : 'parsed';
    };
    assert.match(error('p90:+20%'), /--fail-on 'p90:\+20%': expected <stat>/);
    assert.match(error('p95:+20'), /needs a unit/);
    assert.match(error('p95:-20%'), /expected/);
    assert.match(error('errors:+5ms'), /count/);
    assert.match(error('errors:+1.5'), /whole number/);
    assert.match(error('p95:+20%@ '), /empty/);
    assert.match(error(''), /expected/);
  });

  it('judges changes of at least the threshold; percentile rules only when beyond the noise test', () => {
    const spans = [
      row('slow', stats('slow', 10, 20), stats('slow', 11, 24), 0.001), // p95 +20%, significant
      row('noisy', stats('noisy', 10, 20), stats('noisy', 10, 30), 0.4), // p95 +50%, not significant
      row('errs', stats('errs', 1, 1, 2), stats('errs', 1, 1, 3), 0.9),
      row('only-head', undefined, stats('only-head', 1, 1, 9), undefined),
    ];
    const result = judgeRegressions(spans, rules('p95:+20%', 'errors:+1', 'p50:+2ms'), 0.01);
    assert.deepEqual(result.regressions.map((r) => `${r.rule.text} ${r.spanName} ${r.base}→${r.head}`), ['p95:+20% slow 20→24', 'errors:+1 errs 2→3']);
    assert.deepEqual(judgeRegressions(spans, rules('p95:+21%'), 0.01).regressions, [], '+20% is below +21%');
    assert.deepEqual(judgeRegressions(spans, rules('max:+10ms'), 0.01).regressions.map((r) => r.spanName), ['noisy'], 'max is taken as it is');
  });

  it('checks only the named span, and reports names not in both runs', () => {
    const spans = [row('a', stats('a', 10, 10), stats('a', 20, 20), 0.001), row('b', stats('b', 10, 10), stats('b', 20, 20), 0.001), row('new', undefined, stats('new', 1, 1), undefined)];
    const result = judgeRegressions(spans, rules('p50:+50%@b', 'p50:+1%@new', 'p50:+1%@missing'), 0.01);
    assert.deepEqual(result.regressions.map((r) => r.spanName), ['b']);
    assert.deepEqual(result.unknownSpanNames, ['new', 'missing']);
  });

  it('treats growth from zero as a relative regression', () => {
    const spans = [row('e', stats('e', 1, 1, 0), stats('e', 1, 1, 1), 1)];
    assert.equal(judgeRegressions(spans, rules('errors:+100%'), 0.01).regressions.length, 1);
  });
});
