import { assertRuleCases, PRELUDE } from '../engine/rule-tester';
import rule from './unused-metric';

const STATS = "import { counter, defineStats } from 'statscope';\nexport const stats = defineStats('shop', {\n  orders: counter({ description: 'x' }),\n  refunds: counter({ description: 'y' }),\n});\n";

describe('unused-metric', () => {
  assertRuleCases(rule, {
    valid: [
      { code: STATS, files: { 'a.ts': "import { stats } from './case';\nstats.orders.inc();", 'b.ts': "import { stats as s } from './case';\nconst r = s.refunds;\nr.inc();" } },
      { code: STATS, files: { 'a.ts': "import { stats } from './case';\nregister(stats);" } },
      { code: STATS, files: { 'barrel.ts': "export { stats as shopStats } from './case';", 'a.ts': "import { shopStats } from './barrel';\nshopStats.orders.inc();\nshopStats['refunds'].inc();" } },
      { code: `${STATS}for (const m of Object.values(stats)) m.composite();` },
      { code: `${PRELUDE.statscope}const s = defineStats('shop', { a: counter({ description: 'x' }) });\nexport default s;`, files: { 'a.ts': "import s from './case';\ns.a.inc();" } },
    ],
    invalid: [
      {
        code: STATS,
        files: { 'a.ts': "import { stats } from './case';\nstats.orders.inc();" },
        errors: [{ messageId: 'unused', line: 4, column: 3, message: "'refunds' is declared in the 'shop' stats but never used in the workspace." }],
      },
      {
        code: `${PRELUDE.statscope}const stats = defineStats('local', { hits: counter({ description: 'x' }) });`,
        errors: [{ messageId: 'unused', line: 2, column: 38 }],
      },
    ],
  });
});
