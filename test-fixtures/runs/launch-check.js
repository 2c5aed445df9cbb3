// The program of the "Launch check" launch configurations: records what it was started with (the
// preLaunchTask's marker, variables from the envFile and the configuration's env) as attributes of
// one span, for tests of envFile and preLaunchTask. Never part of the demo.
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { withSpan } = require('statscope');

function marker() {
  try {
    return readFileSync(join(__dirname, '.e2e', 'launch-check.marker'), 'utf8');
  } catch {
    return 'missing';
  }
}

const seen = {
  'check.marker': marker(),
  'check.greeting': process.env.LAUNCH_CHECK_GREETING ?? 'unset',
  'check.quoted': process.env.LAUNCH_CHECK_QUOTED ?? 'unset',
  'check.override': process.env.LAUNCH_CHECK_OVERRIDE ?? 'unset',
  'check.removed': process.env.LAUNCH_CHECK_REMOVED ?? 'unset',
};
withSpan('launch_check', (span) => {
  for (const [key, value] of Object.entries(seen)) span.setAttribute(key, value);
});
console.log(JSON.stringify(seen));
