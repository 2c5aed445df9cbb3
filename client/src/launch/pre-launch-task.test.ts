import assert from 'node:assert/strict';
import { describeTaskRef, findTask, labelOf, parseTaskRef, taskEndProblem, taskStep } from './pre-launch-task';
import type { TaskCandidate, TaskRef } from './pre-launch-task';

const FOLDER = '/w/app';

function task(name: string, fields: Partial<TaskCandidate> = {}): TaskCandidate {
  return { name, source: 'Workspace', definition: { type: 'shell' }, scope: FOLDER, isBuild: false, isDefaultBuild: false, ...fields };
}

function found(tasks: readonly TaskCandidate[], ref: TaskRef): TaskCandidate | string {
  const match = findTask(tasks, ref, FOLDER);
  return match.ok ? (tasks[match.index] ?? 'bad index') : match.message;
}

describe('preLaunchTask', () => {
  it('reads a label, ${defaultBuildTask} or an identifier object', () => {
    const upper = (text: string): string => text.toUpperCase();
    assert.deepEqual(parseTaskRef('build', upper), { kind: 'label', label: 'BUILD' });
    assert.deepEqual(parseTaskRef(' ${defaultBuildTask} ', upper), { kind: 'defaultBuild' });
    assert.deepEqual(parseTaskRef({ type: 'npm', script: 'build' }, upper), { kind: 'definition', type: 'npm', definition: { type: 'npm', script: 'build' } });
    for (const none of [undefined, null, '']) assert.equal(parseTaskRef(none, upper), undefined);
    for (const bad of [1, true, ['build'], {}, { type: '' }, { type: 3 }]) assert.ok(parseTaskRef(bad, upper) !== undefined && 'message' in (parseTaskRef(bad, upper) ?? {}), JSON.stringify(bad));
  });

  it('matches by name or by "source: name" like VS Code, tasks.json first', () => {
    const tasks = [task('build', { source: 'npm', definition: { type: 'npm', script: 'build' } }), task('build'), task('lint', { source: 'npm' })];
    assert.equal(found(tasks, { kind: 'label', label: 'build' }), tasks[1]);
    assert.equal(found(tasks, { kind: 'label', label: 'npm: build' }), tasks[0]);
    assert.equal(found(tasks, { kind: 'label', label: 'npm: lint' }), tasks[2]);
    assert.equal(labelOf(tasks[0] as TaskCandidate), 'npm: build');
    assert.equal(labelOf(tasks[1] as TaskCandidate), 'build');
    assert.equal(labelOf(task('deploy', { source: 'User', scope: 'global' })), 'deploy');
  });

  it("prefers the folder's tasks over the workspace's and the user's, and ignores other folders", () => {
    const tasks = [task('t', { scope: 'global' }), task('t', { scope: 'workspace' }), task('t', { scope: '/w/other', source: 'other' }), task('t', { source: 'npm' })];
    assert.equal(found(tasks, { kind: 'label', label: 't' }), tasks[3]);
    assert.equal(found(tasks.slice(0, 3), { kind: 'label', label: 't' }), tasks[1]);
    assert.equal(found([task('t', { scope: '/w/other' })], { kind: 'label', label: 't' }), "Could not find the preLaunchTask 't'. There are no tasks in this folder.");
  });

  it('matches an identifier object on type and every given property', () => {
    const tasks = [task('a', { source: 'npm', definition: { type: 'npm', script: 'build', path: 'pkg/' } }), task('b', { source: 'npm', definition: { type: 'npm', script: 'test', options: { env: { A: '1' } } } })];
    const ref = (definition: Record<string, unknown>): TaskRef => ({ kind: 'definition', type: String(definition['type']), definition });
    assert.equal(found(tasks, ref({ type: 'npm', script: 'build' })), tasks[0]);
    assert.equal(found(tasks, ref({ type: 'npm', script: 'test', options: { env: { A: '1' } } })), tasks[1]);
    assert.match(String(found(tasks, ref({ type: 'npm', script: 'test', options: { env: { A: '2' } } }))), /^Could not find the preLaunchTask \{"type":"npm"/);
    assert.match(String(found(tasks, ref({ type: 'gulp', script: 'build' }))), /Could not find/);
    // Inherited properties are not properties of the definition.
    assert.match(String(found(tasks, ref({ type: 'npm', toString: Object.prototype.toString }))), /Could not find/);
    assert.match(String(found(tasks, ref(JSON.parse('{ "type": "npm", "__proto__": { "script": "build" } }') as Record<string, unknown>))), /Could not find/);
  });

  it('finds the default build task: the marked one, else the only build task, else explains', () => {
    const marked = [task('compile', { isBuild: true }), task('bundle', { isBuild: true, isDefaultBuild: true })];
    assert.equal(found(marked, { kind: 'defaultBuild' }), marked[1]);
    const single = [task('test'), task('compile', { isBuild: true })];
    assert.equal(found(single, { kind: 'defaultBuild' }), single[1]);
    assert.match(String(found([task('a', { isBuild: true }), task('b', { isBuild: true, source: 'npm' })], { kind: 'defaultBuild' })), /There are 2 build tasks \(a, npm: b\) and none is the default: mark one with "group"/);
    assert.match(String(found([task('test')], { kind: 'defaultBuild' })), /There is no build task/);
    assert.match(String(found([task('x', { isDefaultBuild: true, isBuild: true, scope: '/elsewhere' })], { kind: 'defaultBuild' })), /There is no build task/);
  });

  it('names what it could not find and lists a few tasks', () => {
    const many = Array.from({ length: 15 }, (_, i) => task(`task-${String(i).padStart(2, '0')}`));
    const message = String(found(many, { kind: 'label', label: 'nope' }));
    assert.match(message, /^Could not find the preLaunchTask 'nope'\. Tasks here: task-00, task-01, .*task-09, …\.$/);
    assert.ok(!message.includes('task-10'));
    assert.equal(describeTaskRef({ kind: 'defaultBuild' }), 'the default build task');
  });

  it('waits for a task to end unless it is a running background task', () => {
    assert.equal(taskStep(false, false), 'start');
    assert.equal(taskStep(true, false), 'start');
    assert.equal(taskStep(false, true), 'waitForRunning');
    assert.equal(taskStep(true, true), 'ready');
  });

  it('lets the program start only after a task that succeeded', () => {
    assert.equal(taskEndProblem('build', 0), undefined);
    assert.equal(taskEndProblem('build', undefined), undefined);
    assert.equal(taskEndProblem('build', 2), "The preLaunchTask 'build' terminated with exit code 2.");
    assert.equal(taskEndProblem('build', -1), "The preLaunchTask 'build' terminated with exit code -1.");
  });
});
