import assert from 'node:assert/strict';
import { createFactsRule } from './engine/create-rule';
import { LintService } from './lint-service';
import { RULES } from './rules';

/** A rule with a bug: it throws on every file. */
const THROWS = createFactsRule(
  { id: 'throws-always', description: 'Throws.', category: 'usage', defaultSeverity: 'warning', hasFix: false, messages: {} },
  () => {
    throw new TypeError('positions is not iterable');
  },
);

describe('lint service', () => {
  it('shows a failing rule once in the output channel, naming the file; the other rules still report', async () => {
    const errors: string[] = [];
    const published = new Map<string, string[]>();
    const service = new LintService(['/w'], { publish: (f, d) => published.set(f, d.map((x) => x.ruleId)), log: () => undefined, error: (m) => errors.push(m) }, [THROWS, ...RULES]);
    const code = "import { metrics } from '@opentelemetry/api';\nmetrics.getMeter('m').createCounter('Jobs Done');\n";
    service.didChange('/w/a.ts', 1, code);
    service.didChange('/w/b.ts', 1, code);
    service.flush('/w/a.ts');
    service.flush('/w/b.ts');
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0] ?? '', /^rule throws-always failed on a\.ts and was skipped there: TypeError: positions is not iterable/);
    assert.ok(published.get('/w/b.ts')?.includes('metric-name-format'), 'the other rules still report');
  });
});
