import assert from 'node:assert/strict';
import { describeRefusals } from '../../../runs/index';
import { runStatusText } from './status-text';
import { exitLine, headerLine, toTerminalText } from './terminal-text';

const NO_REFUSALS = { refusedRequestCount: 0, hasGrpcRefusals: false, refusals: undefined };

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
    const running = runStatusText({ label: 'app.js', isRunning: true, exitCode: undefined, spanCount: 12345, errorSpanCount: 1, droppedSpanCount: 0, programDroppedSpanCount: 0, ...NO_REFUSALS });
    assert.equal(running.text, '$(sync~spin) app.js · 12,345 spans · 1 error');
    assert.match(running.tooltip, /Click to stop/);
    const done = runStatusText({ label: 'app.js', isRunning: false, exitCode: 1, spanCount: 1, errorSpanCount: 0, droppedSpanCount: 5, programDroppedSpanCount: 0, ...NO_REFUSALS });
    assert.equal(done.text, '$(error) app.js · exit 1 · 1 span · 5 dropped');
    const lossy = runStatusText({ label: 'app.js', isRunning: false, exitCode: 0, spanCount: 34816, errorSpanCount: 0, droppedSpanCount: 0, programDroppedSpanCount: 165184, ...NO_REFUSALS });
    assert.equal(lossy.text, '$(pulse) app.js · exit 0 · 34,816 spans · 165,184 dropped by the program');
    assert.match(lossy.tooltip, /165,184 dropped by the program/);
  });

  it('shows refused requests in the status bar, and names gRPC with the way to switch in the tooltip', () => {
    const refusals = describeRefusals({ unauthorized: 0, notFound: 0, methodNotAllowed: 0, unsupportedMediaType: 2, tooLarge: 0, malformed: 0, internal: 0, grpc: 1, budget: 0, busy: 0 });
    const status = runStatusText({ label: 'app.py', isRunning: false, exitCode: 0, spanCount: 0, errorSpanCount: 0, droppedSpanCount: 0, programDroppedSpanCount: 0, refusedRequestCount: 3, hasGrpcRefusals: true, refusals });
    assert.equal(status.text, '$(pulse) app.py · exit 0 · 0 spans · 3 refused (gRPC)');
    assert.match(status.tooltip, /\n3 requests refused: 2 unsupported media type, 1 gRPC \(set OTEL_EXPORTER_OTLP_PROTOCOL=http\/protobuf\)\.$/);
  });
});
