// A meter handed in by the caller; only its JSDoc type says what it is.
/** @param {import('@opentelemetry/api').Meter} meter */
export function setup(meter) {
  return meter.createCounter('jobs.completed_total', { description: 'Jobs completed' });
}
