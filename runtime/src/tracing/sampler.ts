/** Builds the sampler named by `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`. */
import type * as SdkTraceBase from '@opentelemetry/sdk-trace-base';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { SamplerName } from '../config/types';

/** The standard sampler for `name`; `ratio` applies to the traceidratio samplers. */
export function createSampler(name: SamplerName, ratio: number, traceBase: typeof SdkTraceBase): Sampler {
  switch (name) {
    case 'always_on':
      return new traceBase.AlwaysOnSampler();
    case 'always_off':
      return new traceBase.AlwaysOffSampler();
    case 'traceidratio':
      return new traceBase.TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new traceBase.ParentBasedSampler({ root: new traceBase.AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new traceBase.ParentBasedSampler({ root: new traceBase.TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new traceBase.ParentBasedSampler({ root: new traceBase.AlwaysOnSampler() });
  }
}
