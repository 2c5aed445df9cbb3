import assert from 'node:assert/strict';
import { carryRowState, clampWindow, formatOffset, fullWindow, MIN_WINDOW_MS, panWindow, subtreeEnds, tickStep, TimelineTree, timeToX, zoomWindow } from './timeline-view';

/**
 * Rows in tree order:
 *   0 root
 *   1   a
 *   2     a1
 *   3     a2
 *   4   b
 *   5 second root
 */
const PARENTS = Int32Array.from([-1, 0, 1, 1, 0, -1]);

describe('trace timeline view model', () => {
  it('finds each row’s subtree end from the parent column', () => {
    assert.deepEqual([...subtreeEnds(PARENTS)], [5, 4, 3, 4, 5, 6]);
    assert.deepEqual([...subtreeEnds(new Int32Array(0))], []);
  });

  it('hides the rows under a collapsed row and shows them again on expand', () => {
    const tree = new TimelineTree(PARENTS);
    assert.deepEqual([...tree.visibleRows()], [0, 1, 2, 3, 4, 5]);
    assert.equal(tree.setCollapsed(1, true), true);
    assert.deepEqual([...tree.visibleRows()], [0, 1, 4, 5]);
    assert.equal(tree.setCollapsed(2, true), false, 'a leaf cannot collapse');
    tree.setCollapsed(0, true);
    assert.deepEqual([...tree.visibleRows()], [0, 5]);
    tree.setCollapsed(0, false);
    assert.deepEqual([...tree.visibleRows()], [0, 1, 4, 5], 'a collapsed child stays collapsed under an expanded parent');
    tree.reveal(3);
    assert.deepEqual([...tree.visibleRows()], [0, 1, 2, 3, 4, 5], 'revealing a row expands its ancestors');
  });

  it('carries collapsed rows and the selection to the next post by key, whatever rows they moved to', () => {
    const before = new TimelineTree(PARENTS);
    before.setCollapsed(1, true); // a (key 11)
    before.setCollapsed(0, true); // root (key 10)
    // Next post: a new child of root sorts first, so a and its subtree move down one row; 'second root' is gone.
    const after = new TimelineTree(Int32Array.from([-1, 0, 0, 2, 2, 0, 5]));
    const key = Int32Array.from([10, 16, 11, 12, 13, 14, 17]);
    const selected = carryRowState({ tree: before, key: Int32Array.from([10, 11, 12, 13, 14, 15]), selected: 4 }, { tree: after, key });
    assert.equal(selected, 5, 'b (key 14) is now row 5');
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].filter((r) => after.isCollapsed(r)), [0, 2]);
    assert.equal(carryRowState({ tree: before, key: Int32Array.from([10, 11, 12, 13, 14, 15]), selected: 5 }, { tree: new TimelineTree(PARENTS), key: new Int32Array(6) }), -1, 'a span that is gone selects nothing');
  });

  it('carries nothing across keys that are missing or short (malformed posts lose no other state)', () => {
    const before = new TimelineTree(PARENTS);
    before.setCollapsed(1, true);
    const after = new TimelineTree(PARENTS);
    assert.equal(carryRowState({ tree: before, key: Int32Array.from([1, 2]), selected: 4 }, { tree: after, key: Int32Array.from([1, 2, 3, 4, 5, 6]) }), -1);
    assert.deepEqual([...after.visibleRows()], [0, 1, 4, 5], 'row 1 (key 2) collapsed; keys past the end are ignored');
    const none = new TimelineTree(PARENTS);
    assert.equal(carryRowState({ tree: before, key: Int32Array.from([1, 2, 3, 4, 5, 6]), selected: 1 }, { tree: none, key: Int32Array.from([9, 9, 2]) }), 2);
    assert.equal(none.isCollapsed(2), false, 'a leaf cannot take a collapse');
  });

  it('moves through visible rows with the arrow keys, Home and End', () => {
    const tree = new TimelineTree(PARENTS);
    tree.setCollapsed(1, true);
    assert.equal(tree.move(1, 1), 4, 'down skips the collapsed subtree');
    assert.equal(tree.move(4, -1), 1);
    assert.equal(tree.move(0, -Infinity), 0);
    assert.equal(tree.move(0, Infinity), 5);
    assert.equal(tree.visibleIndexOf(2), -1, 'a hidden row has no position');
    assert.equal(tree.visibleIndexOf(5), 3);
  });

  it('collapses or goes to the parent with left, expands or goes to the first child with right', () => {
    const tree = new TimelineTree(PARENTS);
    assert.equal(tree.left(1), 1);
    assert.equal(tree.isCollapsed(1), true);
    assert.equal(tree.left(1), 0, 'left on a collapsed row selects its parent');
    assert.equal(tree.right(1), 1);
    assert.equal(tree.isCollapsed(1), false);
    assert.equal(tree.right(1), 2, 'right on an expanded row selects its first child');
    assert.equal(tree.right(2), 2, 'right on a leaf stays');
    assert.equal(tree.left(5), 5, 'left on a root leaf stays');
  });

  it('zooms around the anchor and keeps the window inside the trace', () => {
    const w = fullWindow(100);
    assert.deepEqual(w, { start: 0, end: 100 });
    assert.deepEqual(zoomWindow(w, 2, 0.5, 100), { start: 25, end: 75 });
    const atQuarter = zoomWindow(w, 4, 0.25, 100);
    assert.deepEqual(atQuarter, { start: 18.75, end: 43.75 });
    assert.equal(timeToX(25, atQuarter, 400), 100, 'the time under the pointer stays under it');
    assert.deepEqual(zoomWindow(w, 0.5, 0.5, 100), { start: 0, end: 100 }, 'zooming out stops at the whole trace');
    const deep = zoomWindow(w, 1e12, 0.5, 100);
    assert.ok(Math.abs(deep.end - deep.start - MIN_WINDOW_MS) < 1e-9, 'zooming in stops at a microsecond');
    assert.deepEqual(fullWindow(0), { start: 0, end: 1 }, 'an instantaneous trace still has a window');
  });

  it('pans without leaving the trace', () => {
    const w = { start: 20, end: 40 };
    assert.deepEqual(panWindow(w, 10, 100), { start: 30, end: 50 });
    assert.deepEqual(panWindow(w, -50, 100), { start: 0, end: 20 });
    assert.deepEqual(panWindow(w, 500, 100), { start: 80, end: 100 });
    assert.deepEqual(clampWindow({ start: -5, end: 500 }, 100), { start: 0, end: 100 });
  });

  it('maps times to pixels and picks round axis steps', () => {
    assert.equal(timeToX(50, { start: 0, end: 100 }, 800), 400);
    assert.equal(timeToX(-10, { start: 0, end: 100 }, 100), -10);
    assert.equal(tickStep({ start: 0, end: 100 }, 10), 10);
    assert.equal(tickStep({ start: 0, end: 100 }, 4), 50);
    assert.equal(tickStep({ start: 0, end: 0.7 }, 5), 0.2);
    assert.equal(tickStep({ start: 0, end: 3000 }, 8), 500);
    assert.deepEqual([0, 0.25, 12, 12.3456, 1500].map(formatOffset), ['0', '250 µs', '12 ms', '12.35 ms', '1.5 s']);
  });
});
