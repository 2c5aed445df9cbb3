import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './unbounded-label-value';

const STATS = "import { counter, defineStats } from 'statscope';\nexport const stats = defineStats('api', { requests: counter({ description: 'x', labels: ['route', 'status'] }) });\n";

describe('unbounded-label-value', () => {
  assertRuleCases(rule, {
    valid: [
      { code: `${STATS}export function onRequest({ path, status }: { path: string; status: string }) {\n  stats.requests.labels({ route: path, status }).inc();\n}` },
      { code: `${STATS}stats.requests.labels({ route: req.route.path, status: String(res.statusCode) }).inc();` },
      { code: `${STATS}stats.requests.inc({ route: '/orders', status: ok ? 'ok' : 'error' });` },
      { code: `${STATS}stats.requests.labels({ route: req.url, status: 'ok' });`, options: { allowLabels: ['route'] } },
      { code: 'const s = new Set();\ns.add(1, { id: user.id });' },
    ],
    invalid: [
      {
        code: `${STATS}stats.requests.labels({ route: req.url, status: 'ok' }).inc();`,
        errors: [{ messageId: 'unboundedValue', line: 3, column: 32, message: "Label 'route' gets its value from 'req.url' (an id, time or address): every distinct value creates a new time series." }],
      },
      {
        code: `${STATS}stats.requests.inc({ route: \`/users/\${user.id}\`, status: 'ok' });`,
        errors: [{ messageId: 'unboundedValue', line: 3, column: 29 }],
      },
      {
        code: `${STATS}const status = 'ok';\nstats.requests.labels({ route: '/', status: String(Date.now()) });`,
        errors: [{ messageId: 'unboundedValue', line: 4, column: 45 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}const h = meter.createHistogram('h');\nh.record(1, { user: req.params.user });`,
        errors: [{ messageId: 'unboundedValue', line: 4, column: 21 }],
      },
      {
        code: `${PRELUDE.statscope}defineStats('api', { requests: counter({ description: 'x', labels: ['userId', 'route'] }) });`,
        errors: [{ messageId: 'unboundedName', line: 2, column: 69 }],
      },
      {
        code: "import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'c_total', help: 'x', labelNames: ['route'] });\nc.labels({ route: requestId }).inc();",
        errors: [{ messageId: 'unboundedValue', line: 3, column: 19 }],
      },
    ],
  });
});
