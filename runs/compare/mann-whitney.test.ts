import assert from 'node:assert/strict';
import { mannWhitneyU, normalUpperTail } from './mann-whitney';

const sorted = (values: number[]): Float64Array => Float64Array.from(values).sort();
const close = (actual: number, expected: number, tolerance: number): void => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe('Mann-Whitney U test', () => {
  it('matches the exact p-value of a textbook case (SciPy: U = 17, p = 0.1111)', () => {
    const result = mannWhitneyU(sorted([19, 22, 16, 29, 24]), sorted([20, 11, 17, 12]));
    assert.equal(result.method, 'exact');
    assert.equal(result.u, 17);
    close(result.pValue, 0.111111, 1e-5);
  });

  it('gives the smallest exact p-value for completely separated samples (2 / C(10, 5))', () => {
    const result = mannWhitneyU(sorted([1, 2, 3, 4, 5]), sorted([6, 7, 8, 9, 10]));
    assert.equal(result.u, 0);
    close(result.pValue, 2 / 252, 1e-9);
  });

  it('uses the normal approximation with tie and continuity correction when there are ties', () => {
    // Ranks by hand: values 1,1 | 2,2,2 | 3; a = [1,2,3], b = [1,2,2]. R_A = 1.5 + 4 + 6 = 11.5, U = 5.5.
    // var = 9/12 · (7 − (6 + 24)/30) = 4.5; z = (|5.5 − 4.5| − 0.5)/√4.5 = 0.2357; p = 0.8137.
    const result = mannWhitneyU(sorted([1, 2, 3]), sorted([1, 2, 2]));
    assert.equal(result.method, 'asymptotic');
    assert.equal(result.u, 5.5);
    close(result.pValue, 0.81366, 1e-4);
  });

  it('finds a 10% shift in large samples; identical samples give p = 1', () => {
    const a = sorted(Array.from({ length: 200 }, (_, i) => 10 + (i % 20) / 10));
    const b = sorted(Array.from({ length: 200 }, (_, i) => 11 + (i % 20) / 10));
    const shifted = mannWhitneyU(a, b);
    assert.equal(shifted.method, 'asymptotic');
    assert.ok(shifted.pValue < 1e-6, `p = ${shifted.pValue}`);
    const same = mannWhitneyU(a, sorted([...a]));
    assert.equal(same.u, 200 * 200 / 2);
    assert.equal(same.pValue, 1);
  });

  it('answers p = 1 for an empty sample and for samples of one repeated value', () => {
    assert.deepEqual(mannWhitneyU(new Float64Array(0), sorted([1])), { u: 0, pValue: 1, method: 'none' });
    assert.equal(mannWhitneyU(sorted([3, 3, 3]), sorted([3, 3])).pValue, 1);
  });

  it('computes the standard normal tail to 1e-7', () => {
    close(normalUpperTail(0), 0.5, 1e-7);
    close(normalUpperTail(1.959964), 0.025, 1e-7);
    close(normalUpperTail(-1), 0.841344746, 1e-7);
    close(normalUpperTail(3), 0.001349898, 1e-7);
  });
});
