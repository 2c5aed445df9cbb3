import assert from 'node:assert/strict';
import { extensionOf, isRunnableFile, isRunTarget, looksLikeEntryFile, npmScriptsOf, sameTarget, targetLabel } from './run-target';

describe('run targets', () => {
  it('recognises runnable files by extension', () => {
    assert.equal(extensionOf('/a/b/app.Test.MJS'), '.mjs');
    assert.equal(extensionOf('/a/.bashrc'), '');
    for (const file of ['a.js', 'a.cjs', 'a.mjs', 'a.ts', 'b/a.mts', 'a.py']) assert.ok(isRunnableFile(file), file);
    for (const file of ['a.json', 'a.md', 'Makefile', 'a.d']) assert.ok(!isRunnableFile(file), file);
  });

  it('narrows remembered values and labels them', () => {
    const targets = [
      { kind: 'file', path: '/w/src/app.js' },
      { kind: 'npmScript', script: 'start', packageDir: '/w' },
      { kind: 'launch', name: 'Run demo', folder: '/w' },
    ];
    for (const t of targets) assert.ok(isRunTarget(t));
    assert.deepEqual(targets.map((t) => (isRunTarget(t) ? targetLabel(t) : '')), ['app.js', 'npm run start', 'Run demo']);
    for (const bad of [undefined, null, 'x', { kind: 'file' }, { kind: 'npmScript', script: 1, packageDir: '/' }, { kind: 'other', path: '/' }]) assert.ok(!isRunTarget(bad));
    assert.ok(sameTarget({ kind: 'file', path: '/a' }, { kind: 'file', path: '/a' }));
    assert.ok(!sameTarget({ kind: 'file', path: '/a' }, { kind: 'file', path: '/b' }));
  });

  it('reads npm scripts from package.json text', () => {
    assert.deepEqual(npmScriptsOf('{"scripts":{"start":"node a.js","test":"mocha","bad":1}}'), ['start', 'test']);
    assert.deepEqual(npmScriptsOf('{"name":"x"}'), []);
    assert.deepEqual(npmScriptsOf('not json'), []);
    assert.deepEqual(npmScriptsOf('{"scripts":{"__proto__":"x"}}'), ['__proto__']);
  });

  it('spots entry files', () => {
    assert.ok(looksLikeEntryFile('#!/usr/bin/env node\nconsole.log(1)'));
    assert.ok(looksLikeEntryFile('if (require.main === module) run();'));
    assert.ok(looksLikeEntryFile('async function main() {}\nmain().catch(console.error);\n'));
    assert.ok(!looksLikeEntryFile('export function main() {}\n'));
    assert.ok(!looksLikeEntryFile("export const stats = defineStats('x', {});"));
    assert.ok(looksLikeEntryFile('def main():\n    pass\n\nif __name__ == "__main__":\n    main()\n'));
    assert.ok(!looksLikeEntryFile('def helper():\n    if __name__ == "__main__": pass\n'), 'only a top-level guard');
  });
});
