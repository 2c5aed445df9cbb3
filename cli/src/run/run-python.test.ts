/** `statscope run -- python3 app.py` for real: a Python child process with the bundled Python runtime preloaded, real OTLP to the real receiver. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRunFile } from '../../../runs/index';
import { isPythonCommand, runCommand } from './run-command';
import type { RunCommandIo } from './run-command';

const ROOT = resolve(__dirname, '../../../..');

/** No telemetry setup: the preload starts tracing; `statscope` itself comes from the bundled copy. */
const TINY_APP = `from statscope import counter, define_stats, span

stats = define_stats("tiny", jobs=counter("Jobs done", labels=("kind",)))
done = stats.jobs.labels(kind="demo")

with span("tiny.job", attributes={"job.size": 3}):
    for step in range(3):
        with span("tiny.step"):
            done.inc()
print("tiny: done")
`;

describe('statscope run -- python3', function () {
  this.timeout(60_000);
  let dir = '';
  before(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'statscope-cli-py-')));
    await writeFile(join(dir, 'tiny_app.py'), TINY_APP);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the spans and metrics of a Python program that has no telemetry code of its own', async () => {
    let report = '';
    let output = '';
    const io: RunCommandIo = {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', PYTHONDONTWRITEBYTECODE: '1' },
      writeErr: (text) => (report += text),
      stdio: 'pipe',
      onProgramOutput: (chunk) => (output += chunk.toString()),
      color: false,
      preloadSearchFrom: ROOT,
    };
    const out = join(dir, 'run.jsonl');
    const code = await runCommand(['--out', out, '--', 'python3', 'tiny_app.py'], io);
    assert.equal(code, 0, report + output);
    assert.match(output, /tiny: done/);
    assert.match(report, /statscope: 4 spans in 1 trace,/);
    assert.match(report, /^└─ tiny\.job {2}\S+ (ms|µs)$/m);
    assert.match(report, /^ {3}├─ tiny\.step {2}/m);
    assert.match(report, /^tiny_jobs_total +kind=demo +counter +3 +3 +\S+\/s$/m);
    const file = parseRunFile(await readFile(out, 'utf8'));
    const job = file.spans.items.find((s) => s.name === 'tiny.job');
    assert.ok(job);
    const attributes = new Map(job.attributes.map((a) => [a.key, a.value]));
    assert.equal(attributes.get('code.filepath'), join(dir, 'tiny_app.py'), 'the span points at the .py file');
    assert.equal(Number(attributes.get('code.lineno')), 6);
    assert.equal(job.resource.serviceName, 'tiny_app');
  });

  it('recognises Python interpreters by name', () => {
    for (const command of ['python', 'python3', 'python3.12', '/usr/bin/python3', 'C:\\Python312\\python.exe', 'py']) assert.ok(isPythonCommand(command), command);
    for (const command of ['node', 'pythonic', 'npx', 'pypy-tool']) assert.ok(!isPythonCommand(command), command);
  });
});
