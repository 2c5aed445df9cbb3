/**
 * Byte-exact exposition of the reference struct in both formats, against test-fixtures/golden/.
 * Regenerate with `UPDATE_GOLDEN=1` after an intended change, and review the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpositionFormat } from '../../src/index';
import { repoRoot } from '../helpers';
import { referenceText } from './support/reference';

const GOLDEN: Readonly<Record<ExpositionFormat, string>> = { prometheus: 'reference.prom.txt', openmetrics: 'reference.openmetrics.txt' };

describe('golden exposition files', () => {
  for (const format of ['prometheus', 'openmetrics'] as const) {
    it(`matches test-fixtures/golden/${GOLDEN[format]} byte for byte`, () => {
      const dir = join(repoRoot(), 'test-fixtures', 'golden');
      const file = join(dir, GOLDEN[format]);
      const actual = referenceText(format);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, actual);
      }
      const expected = readFileSync(file, 'utf8');
      assert.equal(actual, expected);
      assert.ok(Buffer.from(actual, 'utf8').equals(readFileSync(file)));
    });
  }
});
