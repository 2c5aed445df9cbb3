/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) on two samples, two-sided: do the durations of one
 * span name in two runs come from the same distribution? Chosen because span durations are skewed
 * and heavy-tailed (a t-test's normality does not hold) and because the samples are already sorted for
 * the percentiles, so the ranks come from one merge, O(n).
 *
 * p-value: exact (the U distribution counted by recurrence) when both samples are small and have no
 * ties; otherwise the normal approximation with tie and continuity correction (what SciPy's
 * `mannwhitneyu(..., method='asymptotic')` computes).
 */

/** The test result. */
export interface MannWhitneyResult {
  /** U of the first sample: pairs (a, b) with a > b, ties counting one half. */
  readonly u: number;
  /** Two-sided p-value, 0..1; 1 when a sample is empty. */
  readonly pValue: number;
  readonly method: 'exact' | 'asymptotic' | 'none';
}

/** Largest `nA * nB` for which the exact distribution is counted (a table of about that many entries per step). */
const EXACT_MAX_PRODUCT = 400;

/** Tests two samples, each sorted ascending (NaN-free). */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): MannWhitneyResult {
  const nA = a.length;
  const nB = b.length;
  if (nA === 0 || nB === 0) return { u: 0, pValue: 1, method: 'none' };
  const { rankSumA, tieTerm } = mergeRanks(a, b);
  const u = rankSumA - (nA * (nA + 1)) / 2;
  if (tieTerm === 0 && nA * nB <= EXACT_MAX_PRODUCT) return { u, pValue: exactPValue(u, nA, nB), method: 'exact' };
  const n = nA + nB;
  const variance = ((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, pValue: 1, method: 'asymptotic' };
  const mean = (nA * nB) / 2;
  const z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * normalUpperTail(z)), method: 'asymptotic' };
}

/** Rank sum of `a` in the merged samples (ties get their mean rank), and Σ(t³ − t) over tie groups. */
function mergeRanks(a: ArrayLike<number>, b: ArrayLike<number>): { rankSumA: number; tieTerm: number } {
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    const value = x <= y ? x : y;
    const startA = i;
    const startB = j;
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    const inA = i - startA;
    const inB = j - startB;
    const t = inA + inB;
    rankSumA += inA * (rank + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    rank += t;
  }
  return { rankSumA, tieTerm };
}

/** Two-sided exact p-value of U for sample sizes m and n (no ties). */
function exactPValue(u: number, m: number, n: number): number {
  const counts = uDistribution(m, n);
  let total = 0;
  for (const c of counts) total += c;
  const low = Math.min(u, m * n - u);
  let tail = 0;
  for (let k = 0; k <= Math.floor(low); k++) tail += counts[k] as number;
  return Math.min(1, (2 * tail) / total);
}

/** Frequencies of U = 0..m·n over all arrangements, by f(m, n) = f(m−1, n) shifted by n + f(m, n−1). */
function uDistribution(m: number, n: number): Float64Array {
  // row[j][u] for the current m, j = 0..n.
  let previous: Float64Array[] = [];
  for (let j = 0; j <= n; j++) previous.push(Float64Array.of(1)); // m = 0: U is always 0
  for (let i = 1; i <= m; i++) {
    const current: Float64Array[] = [Float64Array.of(1)]; // n = 0
    for (let j = 1; j <= n; j++) {
      const row = new Float64Array(i * j + 1);
      const shifted = previous[j] as Float64Array; // (i−1, j): the largest value is in A, adding j to U
      const left = current[j - 1] as Float64Array; // (i, j−1): the largest value is in B
      for (let k = 0; k < shifted.length; k++) row[k + j] = (row[k + j] as number) + (shifted[k] as number);
      for (let k = 0; k < left.length; k++) row[k] = (row[k] as number) + (left[k] as number);
      current.push(row);
    }
    previous = current;
  }
  return previous[n] as Float64Array;
}

/** P(Z > z) for a standard normal Z, via erfc (fractional error < 1.2e-7). */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes' erfcc, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
