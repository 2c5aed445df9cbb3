import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './undeclared-metric';

const STATS = "import { counter, defineStats } from 'statscope';\n\nexport const stats = defineStats('shop', {\n  orders: counter({ description: 'Orders placed' }),\n});\n";

describe('undeclared-metric', () => {
  assertRuleCases(rule, {
    valid: [
      { code: "import { stats } from './stats';\nstats.orders.inc();", files: { 'stats.ts': STATS } },
      { code: "import { stats } from './stats.js';\nstats.orders.inc();", files: { 'stats.ts': STATS } },
      { code: "import { stats } from './barrel';\nstats.orders.inc();", files: { 'stats.ts': STATS, 'barrel.ts': "export * from './stats';" } },
      { code: `${PRELUDE.statscope}const s = defineStats('x', { ...common, a: counter({ description: 'a' }) });\ns.b.inc();` },
      { code: "import { stats } from 'some-package';\nstats.anything.inc();" },
    ],
    invalid: [
      {
        code: "import { stats } from './stats';\nstats.refunds.inc();\nstats.refunds.inc();",
        files: { 'stats.ts': STATS },
        errors: [
          { messageId: 'undeclared', line: 2, column: 7, message: "'refunds' is not declared in the 'shop' stats (stats.ts)." },
          { messageId: 'undeclared', line: 3, column: 7 },
        ],
        output: "import { stats } from './stats';\nstats.refunds.inc();\nstats.refunds.inc();",
        otherOutputs: {
          'stats.ts': "import { counter, defineStats } from 'statscope';\n\nexport const stats = defineStats('shop', {\n  orders: counter({ description: 'Orders placed' }),\n  refunds: counter({ description: '' }),\n});\n",
        },
      },
      {
        code: `const { stats } = require('./stats');\nstats.basketSize.labels({ region: 'eu' }).observe(3);`,
        filename: 'case.js',
        files: { 'stats.js': `const { defineStats } = require('statscope');\nconst stats = defineStats('shop', {});\nmodule.exports = { stats };\n` },
        errors: [{ messageId: 'undeclared', line: 2, column: 7 }],
        output: `const { stats } = require('./stats');\nstats.basketSize.labels({ region: 'eu' }).observe(3);`,
        otherOutputs: { 'stats.js': `const { defineStats } = require('statscope');\nconst stats = defineStats('shop', { basketSize: histogram({ description: '', labels: ['region'] }) });\nmodule.exports = { stats };\n` },
      },
      {
        code: `${PRELUDE.statscope}export const s = defineStats('shop', { a: counter({ description: 'x' }) });\ns.depth.set(3);`,
        errors: [{ messageId: 'undeclared', line: 3, column: 3 }],
        output: `${PRELUDE.statscope}export const s = defineStats('shop', { a: counter({ description: 'x' }), depth: gauge({ description: '' }) });\ns.depth.set(3);`,
      },
      {
        code: "import * as m from './stats';\nm.stats.returns.inc();",
        files: { 'stats.ts': STATS },
        errors: [{ messageId: 'undeclared', line: 2, column: 9 }],
        output: "import * as m from './stats';\nm.stats.returns.inc();",
        otherOutputs: {
          'stats.ts': "import { counter, defineStats } from 'statscope';\n\nexport const stats = defineStats('shop', {\n  orders: counter({ description: 'Orders placed' }),\n  returns: counter({ description: '' }),\n});\n",
        },
      },
    ],
  });
});
