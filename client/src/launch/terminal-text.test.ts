import assert from 'node:assert/strict';
import { runStatusText } from './status-text';
import { exitLine, headerLine, toTerminalText } from './terminal-text';

describe('run terminal and status texts', () => {
  it('converts line endings for the pseudoterminal', () => {
    assert.equal(toTerminalText('a\nb\r\nc'), 'a\r\nb\r\nc');
  });

  it('says how the program ended', () => {
    const base = { signal: null, error: undefined, spanCount: 1234, errorSpanCount: 2, durationMs: 3456 };
    assert.match(exitLine({ ...base, exitCode: 0 }), /exited with code 0.*after 3\.5 s · 1,234 spans, 2 with errors/);
    assert.match(exitLine({ ...base, exitCode: 143, signal: 'SIGTERM' }), /was stopped \(SIGTERM, exit code 143\)/);
    assert.match(exitLine({ ...base, exitCode: 127, error: 'spawn nodex ENOENT' }), /could not start: spawn nodex ENOENT/);
    assert.match(headerLine('node app.js', '/w'), /Statscope: node app\.js {2}\(in \/w\)/);
  });

  it('shows running · spans · errors in the status bar', () => {
    const running = runStatusText({ label: 'app.js', isRunning: true, exitCode: undefined, spanCount: 12345, errorSpanCount: 1, droppedSpanCount: 0, programDroppedSpanCount: 0 });
    assert.equal(running.text, '$(sync~spin) app.js · 12,345 spans · 1 error');
    assert.match(running.tooltip, /Click to stop/);
    const done = runStatusText({ label: 'app.js', isRunning: false, exitCode: 1, spanCount: 1, errorSpanCount: 0, droppedSpanCount: 5, programDroppedSpanCount: 0 });
    assert.equal(done.text, '$(error) app.js · exit 1 · 1 span · 5 dropped');
    const lossy = runStatusText({ label: 'app.js', isRunning: false, exitCode: 0, spanCount: 34816, errorSpanCount: 0, droppedSpanCount: 0, programDroppedSpanCount: 165184 });
    assert.equal(lossy.text, '$(pulse) app.js · exit 0 · 34,816 spans · 165,184 dropped by the program');
    assert.match(lossy.tooltip, /165,184 dropped by the program/);
  });
});
