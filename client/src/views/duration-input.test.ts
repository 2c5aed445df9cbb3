import assert from 'node:assert/strict';
import { filterSummary, parseDurationMs, queryProblem } from './duration-input';
import { sourceFilePath } from './source-path';
import { isAbsolute, join } from 'node:path';

describe('span filter inputs', () => {
  it('parses durations', () => {
    const cases: Array<[string, number | undefined]> = [
      ['50', 50],
      ['50ms', 50],
      [' 1.5 s ', 1500],
      ['250us', 0.25],
      ['250µs', 0.25],
      ['2m', 120_000],
      ['', 0],
      ['-5', undefined],
      ['5 parsecs', undefined],
      ['abc', undefined],
    ];
    for (const [text, ms] of cases) assert.equal(parseDurationMs(text), ms, text);
  });

  it('explains a filter query that does not parse', () => {
    assert.equal(queryProblem('http.route=/predict >10ms'), undefined);
    assert.equal(queryProblem(''), undefined);
    assert.equal(queryProblem('>10parsecs'), "'10parsecs' is not a duration (try 10ms, 1.5s or 250us) (at column 1)");
    assert.equal(queryProblem('status=maybe'), "unknown status 'maybe': use error, ok or unset (status=error|unset for either) (at column 1)");
  });

  it('summarises the active filter', () => {
    const fmt = (ms: number): string => `${ms} ms`;
    assert.equal(filterSummary({}, fmt), undefined);
    assert.equal(filterSummary({ text: '  ', minDurationMs: 0 }, fmt), undefined);
    assert.equal(filterSummary({ text: 'predict', errorsOnly: true, minDurationMs: 50 }, fmt), 'Filter: "predict" · errors only · ≥ 50 ms');
  });
});

describe('span source paths', () => {
  const resolve = (p: string): string | undefined => sourceFilePath(p, ['/w'], isAbsolute, join);
  it('maps reported locations to files', () => {
    assert.equal(resolve('/w/src/app.js'), '/w/src/app.js');
    assert.equal(resolve('file:///w/src/app.mjs'), '/w/src/app.mjs');
    assert.equal(resolve('src/app.js'), '/w/src/app.js');
    assert.equal(resolve('node:internal/timers'), undefined);
    assert.equal(resolve('<anonymous>'), undefined);
    assert.equal(sourceFilePath('src/app.js', [], isAbsolute, join), undefined);
  });
});
