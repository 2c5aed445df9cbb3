import assert from 'node:assert/strict';
import { programEnv } from './program-env';

const OPTIONS = { runtimeModulesDir: '/ext/dist/node-path', delimiter: ':' };

describe('programEnv', () => {
  it('lets programs resolve the statscope package to the bundled runtime, after their own module paths', () => {
    assert.equal(programEnv({}, {}, OPTIONS)['NODE_PATH'], '/ext/dist/node-path');
    assert.equal(programEnv({ NODE_PATH: '/a:/b' }, {}, OPTIONS)['NODE_PATH'], '/a:/b:/ext/dist/node-path');
    assert.equal(programEnv({ NODE_PATH: '/ext/dist/node-path:/a' }, {}, OPTIONS)['NODE_PATH'], '/a:/ext/dist/node-path');
  });

  it('enables source maps once, keeping existing NODE_OPTIONS', () => {
    assert.equal(programEnv({}, {}, OPTIONS)['NODE_OPTIONS'], '--enable-source-maps');
    assert.equal(programEnv({ NODE_OPTIONS: '--max-old-space-size=100' }, {}, OPTIONS)['NODE_OPTIONS'], '--max-old-space-size=100 --enable-source-maps');
    assert.equal(programEnv({ NODE_OPTIONS: '--enable-source-maps' }, {}, OPTIONS)['NODE_OPTIONS'], '--enable-source-maps');
  });

  it('adds the target\'s variables and drops the extension host\'s own', () => {
    const env = programEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', MODE: 'a' }, { MODE: 'b' }, OPTIONS);
    assert.equal(env['PATH'], '/bin');
    assert.equal(env['MODE'], 'b');
    assert.equal('ELECTRON_RUN_AS_NODE' in env, false);
  });

  it('removes an inherited variable the target sets to undefined (launch.json `null`)', () => {
    const env = programEnv({ SECRET: 'x', KEEP: 'y' }, { SECRET: undefined }, OPTIONS);
    assert.equal(env['SECRET'], undefined);
    assert.equal(env['KEEP'], 'y');
  });
});
