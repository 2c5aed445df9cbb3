import { counter, defineStats, histogram } from 'statscope';

export const stats = defineStats('inference', {
  requests: counter({ description: 'Requests received', labels: ['model', 'status'] }),
  latency: histogram({ description: 'Prediction latency', unit: 'seconds', buckets: [0.1, 1] }),
});
