/** One Python file through the engine: parse (incrementally from its previous tree), extract facts, run the checks. */
import type { FileFacts } from '../engine/facts';
import type { RunRulesOptions } from '../engine/run-rules';
import type { LintDiagnostic } from '../engine/types';
import { extractPythonFacts, gatherNodes, pythonApisOf } from './extract-facts';
import { parsePython } from './parse-python';
import type { PythonTree } from './parse-python';
import { runPythonChecks } from './run-checks';

/** What linting a Python file produced; `tree` is undefined when the file could not be handled (then `error` says why). */
export interface PythonLintResult {
  readonly facts: FileFacts;
  readonly diagnostics: LintDiagnostic[];
  readonly tree: PythonTree | undefined;
  readonly error?: unknown;
}

/**
 * Lints one Python file. Checks run only with `checks` (an open document); a file that cannot be handled (too deeply
 * nested for `isTooDeep`, or anything thrown) is indexed as empty and the error returned, never thrown.
 */
export function lintPython(fileName: string, text: string, previous: PythonTree | undefined, checks: RunRulesOptions | undefined, isTooDeep: (text: string) => string | undefined): PythonLintResult {
  try {
    const tooDeep = isTooDeep(text);
    if (tooDeep !== undefined) throw new Error(tooDeep);
    const tree = parsePython(fileName, text, previous);
    const nodes = gatherNodes(tree);
    const apis = pythonApisOf(tree, nodes);
    const facts = extractPythonFacts(tree, nodes, apis, { isDetached: checks === undefined });
    return { facts, diagnostics: checks ? runPythonChecks(tree, nodes, facts, checks, apis) : [], tree };
  } catch (error) {
    return { facts: extractPythonFacts(parsePython(fileName, '')), diagnostics: [], tree: undefined, error };
  }
}
