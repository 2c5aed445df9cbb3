import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './unbounded-label-value';

const STATS = "import { counter, defineStats } from 'statscope';\nexport const stats = defineStats('api', { requests: counter({ description: 'x', labels: ['route', 'status'] }) });\n";

describe('unbounded-label-value', () => {
  assertRuleCases(rule, {
    valid: [
      // Declared fixed sets are bounded whatever they are called: literal unions, enums, booleans, aliases, members.
      { code: `${STATS}export function f(routeId: '/a' | '/b', status: Status) {\n  stats.requests.labels({ route: routeId, status }).inc();\n}\nenum Status { Ok = 'ok', Failed = 'failed' }` },
      { code: `${STATS}type Kind = 'bulk' | 'single';\ninterface Job { kindId: Kind; isRetryId: boolean }\nexport function f(job: Job) {\n  stats.requests.labels({ route: job.kindId, status: String(job.isRetryId) }).inc();\n}` },
      { code: `${STATS}export function f({ userId }: { userId: 'anonymous' | 'signed-in' }) {\n  stats.requests.labels({ route: userId, status: 'ok' }).inc();\n}` },
      { code: `${STATS}export function onRequest({ path, status }: { path: string; status: string }) {\n  stats.requests.labels({ route: path, status }).inc();\n}` },
      { code: `${STATS}stats.requests.labels({ route: req.route.path, status: String(res.statusCode) }).inc();` },
      { code: `${STATS}stats.requests.inc({ route: '/orders', status: ok ? 'ok' : 'error' });` },
      { code: `${STATS}stats.requests.labels({ route: req.url, status: 'ok' });`, options: { allowLabels: ['route'] } },
      { code: 'const s = new Set();\ns.add(1, { id: user.id });' },
    ],
    invalid: [
      {
        // A plain string type says nothing: the name decides, and the message names what it holds.
        code: `${STATS}export function f(user: { accountId: string }) {\n  stats.requests.labels({ route: user.accountId, status: 'ok' }).inc();\n}`,
        errors: [{ messageId: 'unboundedValue', line: 4, column: 34, message: "Label 'route' gets its value from 'user.accountId' (an account id): every distinct value creates a new time series." }],
      },
      {
        code: `${STATS}stats.requests.labels({ route: req.url, status: 'ok' }).inc();`,
        errors: [{ messageId: 'unboundedValue', line: 3, column: 32, message: "Label 'route' gets its value from 'req.url' (a URL): every distinct value creates a new time series." }],
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
