import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './dynamic-metric-name';

const PROM = "import { Counter } from 'prom-client';\n";

describe('dynamic-metric-name', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { Counter } from 'prom-client';\nexport class PromCounter {\n  constructor(name: string, help: string) {\n    new Counter({ name, help });\n  }\n}" },
      { code: "import { Gauge } from 'prom-client';\nexport function staticMetric({ name, help }: { name: string; help: string }) {\n  new Gauge({ name, help }).set(1);\n}" },
      { code: `${PRELUDE.otelApi}${PRELUDE.meter}import { METRIC_HTTP_CLIENT_REQUEST_DURATION } from '@opentelemetry/semantic-conventions';\nmeter.createHistogram(METRIC_HTTP_CLIENT_REQUEST_DURATION, { description: 'x', unit: 's' });` },
      { code: `${PROM}new Counter({ name: 'jobs_total', help: 'x' });` },
      { code: `${PROM}const PREFIX = 'app';\nnew Counter({ name: \`\${PREFIX}_jobs_total\`, help: 'x' });` },
      { code: `${PROM}const NAME = 'app_' + 'jobs_total';\nnew Counter({ name: NAME, help: 'x' });` },
      { code: `${PROM}import { NAME } from './names';\nnew Counter({ name: NAME, help: 'x' });`, files: { 'names.ts': "export const NAME = 'jobs_total';" } },
      { code: `${PROM}import * as names from './names';\nnew Counter({ name: names.NAME, help: 'x' });`, files: { 'names.ts': "export const NAME = 'jobs_total';" } },
      { code: `${PRELUDE.statscope}defineStats('shop', { ['orders']: counter({ description: 'x' }) });` },
    ],
    invalid: [
      {
        code: `${PROM}export function make(kind: string) {\n  return new Counter({ name: \`\${kind}_total\`, help: 'x' });\n}`,
        errors: [{ messageId: 'dynamicName', line: 3, column: 30 }],
      },
      {
        code: `${PRELUDE.otelApi}${PRELUDE.meter}meter.createCounter(prefix + '_jobs');`,
        errors: [{ messageId: 'dynamicName', line: 3, column: 21 }],
      },
      {
        code: `${PRELUDE.statscope}defineStats(componentName, { [key]: counter({ description: 'x' }) });`,
        errors: [
          { messageId: 'dynamicComponent', line: 2, column: 13 },
          { messageId: 'dynamicKey', line: 2, column: 30 },
        ],
      },
      {
        code: `${PROM}import { NAME } from './missing';\nnew Counter({ name: NAME, help: 'x' });`,
        errors: [{ messageId: 'dynamicName', line: 3, column: 21 }],
      },
    ],
  });
});
