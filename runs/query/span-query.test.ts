import assert from 'node:assert/strict';
import type { SpanRecord, StatusCode } from '../store/model';
import { testSpan } from '../test-support/test-records';
import { compileSpanQuery } from './match-query';
import { describeQueryError, parseSpanQuery, spanNameQuery } from './parse-query';

const resource = (service: string): SpanRecord['resource'] => ({
  attributes: [
    { key: 'service.name', value: service },
    { key: 'host.name', value: 'box-1' },
  ],
  serviceName: service,
  droppedAttributesCount: 0,
  schemaUrl: '',
});

/** Spans with distinct names, so a query's result reads as a list of names. */
const SPANS: readonly SpanRecord[] = [
  testSpan({ id: 0, name: 'GET /predict', start: 0, end: 40, attributes: [{ key: 'http.route', value: '/predict' }, { key: 'http.status_code', value: 200n }], resource: resource('model') }),
  testSpan({ id: 1, parent: 0, name: 'load model', start: 1, end: 11, resource: resource('model') }),
  testSpan({ id: 2, parent: 0, name: 'predict', start: 11, end: 61, error: true, resource: resource('model') }),
  testSpan({ id: 3, name: 'GET /a b', start: 0, end: 5, attributes: [{ key: 'http.route', value: '/a b' }], resource: resource('gateway') }),
  testSpan({ id: 4, name: 'Checkout', start: 0, end: 1000, attributes: [{ key: 'ratio', value: 0.5 }], resource: resource('shop') }),
];

function names(query: string): string[] {
  const parsed = parseSpanQuery(query);
  assert.ok(parsed.ok, parsed.ok ? '' : describeQueryError(parsed.error));
  const matches = compileSpanQuery(parsed.query);
  return SPANS.filter(matches).map((s) => s.name);
}

function error(query: string): string {
  const parsed = parseSpanQuery(query);
  assert.ok(!parsed.ok, `'${query}' should not parse`);
  return describeQueryError(parsed.error);
}

describe('span query', () => {
  it('matches span and resource attributes with key=value', () => {
    assert.deepEqual(names('http.route=/predict'), ['GET /predict']);
    assert.deepEqual(names('service.name=model'), ['GET /predict', 'load model', 'predict']);
    assert.deepEqual(names('http.status_code=200'), ['GET /predict']);
    assert.deepEqual(names('ratio=0.5'), ['Checkout']);
    assert.deepEqual(names('http.route~PRED'), ['GET /predict']);
    assert.deepEqual(names('service.name!=model'), ['GET /a b', 'Checkout']);
    // A span without the attribute is not equal to any value.
    assert.deepEqual(names('http.route!=/predict'), ['load model', 'predict', 'GET /a b', 'Checkout']);
    assert.deepEqual(names('no.such.key=x'), []);
  });

  it('keeps spaces and operators inside quotes', () => {
    assert.deepEqual(names('http.route="/a b"'), ['GET /a b']);
    assert.deepEqual(names("'GET /a b'"), ['GET /a b']);
    assert.deepEqual(names('"x=y"'), []);
    assert.deepEqual(names('name="GET \\"quoted\\""'), []);
  });

  it('filters by duration: >, >=, <, <= and ranges', () => {
    assert.deepEqual(names('>40ms'), ['predict', 'Checkout']);
    assert.deepEqual(names('>=40ms'), ['GET /predict', 'predict', 'Checkout']);
    assert.deepEqual(names('<10ms'), ['GET /a b']);
    assert.deepEqual(names('<=10ms'), ['load model', 'GET /a b']);
    assert.deepEqual(names('10ms..50ms'), ['GET /predict', 'load model', 'predict']);
    assert.deepEqual(names('1s..'), ['Checkout']);
    assert.deepEqual(names('..5'), ['GET /a b']);
    assert.deepEqual(names('<1s'), ['GET /predict', 'load model', 'predict', 'GET /a b']);
  });

  it('filters by status and name; bare words match the name (and other text)', () => {
    assert.deepEqual(names('status=error'), ['predict']);
    assert.deepEqual(names('status=ok|error'), ['predict']);
    assert.deepEqual(names('status!=error'), ['GET /predict', 'load model', 'GET /a b', 'Checkout']);
    assert.deepEqual(names('status=unset >=40ms'), ['GET /predict', 'Checkout']);
    assert.deepEqual(names('name~predict'), ['GET /predict', 'predict']);
    assert.deepEqual(names('name=predict'), ['predict']);
    assert.deepEqual(names('predict'), ['GET /predict', 'predict']);
    assert.deepEqual(names('CHECKOUT'), ['Checkout']);
    assert.deepEqual(names('shop'), ['Checkout']);
  });

  it('ANDs its terms; an empty query matches everything', () => {
    assert.deepEqual(names('service.name=model predict >45ms status=error'), ['predict']);
    assert.deepEqual(names('service.name=model status=ok'), []);
    assert.equal(names('   ').length, SPANS.length);
  });

  it('parses into terms', () => {
    const parsed = parseSpanQuery('http.route="/a b" status=error|unset 10ms..1.5s');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.query.terms, [
      { kind: 'attribute', key: 'http.route', op: '=', value: '/a b' },
      { kind: 'status', isNegated: false, codes: ['error', 'unset'] satisfies StatusCode[] },
      { kind: 'duration', minMs: 10, maxMs: 1500, isMinExclusive: false, isMaxExclusive: false },
    ]);
    const empty = parseSpanQuery('tag=""');
    assert.ok(empty.ok);
    assert.deepEqual(empty.query.terms, [{ kind: 'attribute', key: 'tag', op: '=', value: '' }]);
  });

  it('explains bad queries and where they are', () => {
    assert.equal(error('http.route="/a b'), 'unterminated quote: add a closing " (at column 12)');
    assert.equal(error('ok =x'), "'=' needs a key before it, as in http.route=/predict (at column 4)");
    assert.equal(error('http.route='), `'http.route=' needs a value (write http.route="" for an empty one) (at column 1)`);
    assert.equal(error('status=broken'), "unknown status 'broken': use error, ok or unset (status=error|unset for either) (at column 1)");
    assert.equal(error('status~err'), 'status takes = or != (status=error, status=ok, status=unset) (at column 1)');
    assert.equal(error('>10xs'), "'10xs' is not a duration (try 10ms, 1.5s or 250us) (at column 1)");
    assert.equal(error('a >'), "'>' needs a duration after it (try 10ms, 1.5s or 250us) (at column 3)");
    assert.equal(error('50ms..10ms'), 'empty range 50ms..10ms: the lower bound is above the upper one (at column 1)');
    assert.equal(error('..'), "'..' needs a duration on at least one side, as in 10ms..50ms (at column 1)");
    assert.equal(error('1..x'), "'x' is not a duration (try 10ms, 1.5s or 250us) (at column 1)");
  });

  it('survives hostile input', () => {
    const huge = 'a=b '.repeat(20_000);
    const parsed = parseSpanQuery(huge);
    assert.ok(parsed.ok);
    assert.equal(parsed.query.terms.length, 20_000);
    assert.deepEqual(names('__proto__=x'), []);
    assert.deepEqual(names('constructor'), []);
    assert.deepEqual(names('<script>alert(1)</script>'.replace(/</g, 'x')), []);
  });

  it('quotes any span name into one exact name term', () => {
    for (const name of ['predict', 'GET /a b', 'a=b', '>10ms', '10ms..50ms', 'say "hi"', 'back\\slash\\', "it's", 'status=error', '<img src=x onerror=alert(1)>', '']) {
      const parsed = parseSpanQuery(spanNameQuery(name));
      assert.ok(parsed.ok, name);
      assert.deepEqual(parsed.query.terms, [{ kind: 'name', op: '=', value: name }], name);
    }
  });
});
