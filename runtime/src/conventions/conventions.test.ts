import assert from 'node:assert/strict';
import { BASE_UNITS, exposedName, findNonBaseUnitSegment, isSnakeCase, NON_BASE_UNITS, OTEL_UNITS, toSnakeCase } from './index';

describe('conventions', () => {
  it('converts identifiers to snake_case', () => {
    assert.equal(toSnakeCase('queueDepth'), 'queue_depth');
    assert.equal(toSnakeCase('HTTPRequests'), 'http_requests');
    assert.equal(toSnakeCase('model.accuracy'), 'model_accuracy');
    assert.equal(toSnakeCase('--weird--Name'), 'weird_name');
  });

  it('recognises snake_case names only', () => {
    assert.equal(isSnakeCase('http_requests_total'), true);
    assert.equal(isSnakeCase('httpRequests'), false);
    assert.equal(isSnakeCase('http:requests'), false);
    assert.equal(isSnakeCase('9lives'), false);
    assert.equal(isSnakeCase('a__b'), false);
  });

  it('derives exposed names from declarations', () => {
    assert.equal(exposedName('inference', 'requests', 'counter'), 'inference_requests_total');
    assert.equal(exposedName('inference', 'queueDepth', 'gauge'), 'inference_queue_depth');
    assert.equal(exposedName('inference', 'latency', 'histogram', 'seconds'), 'inference_latency_seconds');
    assert.equal(exposedName('inference', 'latencySeconds', 'histogram', 'seconds'), 'inference_latency_seconds');
    assert.equal(exposedName('io', 'readBytesTotal', 'counter', 'bytes'), 'io_read_bytes_total');
  });

  it('never finds Object.prototype names in the unit tables', () => {
    for (const word of ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      assert.equal(BASE_UNITS[word], undefined, word);
      assert.equal(NON_BASE_UNITS[word], undefined, word);
      assert.equal(OTEL_UNITS[word], undefined, word);
      assert.equal(findNonBaseUnitSegment(`queue_${word}`), undefined, word);
    }
    assert.equal(exposedName('jobs', 'runs', 'gauge', 'constructor'), 'jobs_runs');
  });

  it('finds non-base unit segments', () => {
    assert.equal(findNonBaseUnitSegment('latency_ms'), 'ms');
    assert.equal(findNonBaseUnitSegment('payloadKb'), 'kb');
    assert.equal(findNonBaseUnitSegment('latency_seconds'), undefined);
  });
});
