// The preLaunchTask of the "Launch check" launch configuration: writes a marker with a fresh nonce,
// which launch-check.js reads back, so a test can tell the task ran before the program, this time.
'use strict';

const { randomUUID } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '.e2e'); // ignored by git
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'launch-check.marker'), `prepared ${randomUUID()}`);
console.log('launch-check: prepared');
