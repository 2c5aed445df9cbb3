// Mocha's spec reporter, plus a JSON summary written to $STATSCOPE_TEST_SUMMARY for scripts/test.mjs.
const Mocha = require('mocha');
const { writeFileSync } = require('node:fs');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.STATSCOPE_TEST_SUMMARY;
      if (!file) return;
      const { passes, failures, pending, tests } = this.stats;
      writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, skipped: pending, total: tests }));
    });
  }
}

module.exports = SummaryReporter;
