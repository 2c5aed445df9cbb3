// An inference-style component that declares its statistics once and mutates them through one API.
import { counter, defineStats, gauge, histogram } from 'statscope';

export const stats = defineStats('inference', {
  requests: counter({ description: 'Requests received', labels: ['model', 'status'] as const }),
  queueDepth: gauge({ description: 'Requests waiting in the queue', alert: { above: 100, for: '5m' } }),
  latency: histogram({ description: 'Prediction latency', unit: 'seconds', buckets: [0.005, 0.05, 0.5, 5], slo: { p95: 0.2 } }),
});
