import { metrics } from '@opentelemetry/api';
import type { Meter } from '@opentelemetry/api';

/** The meter comes out of a function: syntax cannot tell, the declared return type can. */
function meterOf(name: string): Meter {
  return metrics.getMeter(name);
}

export const retries = meterOf('jobs').createCounter('jobs.retried_total', { description: 'Jobs retried' });

/** Not a meter, whatever its method is called. */
const fake = { createCounter: (name: string): string => name };
export const label = fake.createCounter('jobs.labelled_total');
