import assert from 'node:assert/strict';
import { hintRunId } from './hint-run';

describe('hint run', () => {
  const runs = new Set(['run-1', 'run-2']);
  const exists = (id: string): boolean => runs.has(id);

  it('is the newest run without a selection', () => {
    assert.equal(hintRunId(undefined, 'run-2', exists), 'run-2');
    assert.equal(hintRunId(undefined, undefined, exists), undefined);
  });

  it('is the selected run while it exists and no newer run started', () => {
    assert.equal(hintRunId({ runId: 'run-1', newestIdAtSelection: 'run-2' }, 'run-2', exists), 'run-1');
  });

  it('falls back to the newest when the selected run is removed or a newer run starts', () => {
    assert.equal(hintRunId({ runId: 'run-0', newestIdAtSelection: 'run-2' }, 'run-2', exists), 'run-2');
    assert.equal(hintRunId({ runId: 'run-1', newestIdAtSelection: 'run-2' }, 'run-3', (id) => id === 'run-1' || id === 'run-3'), 'run-3');
  });
});
