// ESM: resolved through `import` to dist/index.d.mts.
import { counter, defineStats, startMetricsServer } from 'statscope';

const stats = defineStats('search', {
  queries: counter({ description: 'Queries answered', labels: ['index'] as const }),
});
stats.queries.labels({ index: 'products' }).add(2);

const server = await startMetricsServer({ port: 0 });
await server.close();
