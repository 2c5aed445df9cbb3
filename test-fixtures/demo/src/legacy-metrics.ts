// A component still on raw prom-client with a camelCase name: Statscope flags it.
import { Counter } from 'prom-client';

export const httpRequests = new Counter({
  name: 'httpRequestsTotal',
  help: 'HTTP requests served',
  labelNames: ['route', 'status'],
});
