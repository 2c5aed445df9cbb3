// Factory helpers around prom-client, as services write them.
import { Counter as PromCounter, Histogram as PromHistogram } from 'prom-client';
import type { CounterConfiguration, HistogramConfiguration } from 'prom-client';

export const createCounter = <T extends string>(options: CounterConfiguration<T>) => new PromCounter<T>(options);
export const createHistogram = <T extends string>(options: HistogramConfiguration<T>) => new PromHistogram<T>(options);
