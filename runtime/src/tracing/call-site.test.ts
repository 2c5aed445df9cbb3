import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { captureCallerLocation } from './call-site';
import type { CodeLocation } from './call-site';

function whereAmI(): CodeLocation | undefined {
  return captureCallerLocation(whereAmI);
}

describe('captureCallerLocation', () => {
  it("returns the caller's file, line and function", () => {
    function caller(): CodeLocation | undefined {
      return whereAmI();
    }
    const location = caller();
    assert.ok(location);
    assert.match(location.filepath, /call-site\.test\.(ts|js)$/);
    const line = readFileSync(location.filepath, 'utf8').split('\n').findIndex((l) => l.includes('return whereAmI();')) + 1;
    assert.equal(location.lineno, line);
    assert.equal(location.functionName, 'caller');
  });

  it('maps to the TypeScript source when source maps are enabled', function () {
    if (!process.sourceMapsEnabled) this.skip();
    assert.match(whereAmI()?.filepath ?? '', /call-site\.test\.ts$/);
  });

  it("restores the program's prepareStackTrace and stackTraceLimit, even a limit of 0", () => {
    const custom = (_e: Error, frames: NodeJS.CallSite[]): string => `custom ${frames.length}`;
    const savedPrepare = Error.prepareStackTrace;
    const savedLimit = Error.stackTraceLimit;
    try {
      Error.prepareStackTrace = custom;
      Error.stackTraceLimit = 0;
      assert.ok(whereAmI(), 'still captures with a limit of 0');
      assert.equal(Error.prepareStackTrace, custom);
      assert.equal(Error.stackTraceLimit, 0);
    } finally {
      Error.prepareStackTrace = savedPrepare;
      Error.stackTraceLimit = savedLimit;
    }
  });

  it('returns undefined for code without a file (new Function)', () => {
    const run = new Function('f', 'return f();') as (f: () => CodeLocation | undefined) => CodeLocation | undefined;
    assert.equal(run(whereAmI), undefined);
  });
});
