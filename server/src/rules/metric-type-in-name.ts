import { KIND_WORDS } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import { renameFix } from '../engine/fixes';
import { rewriteWords, wordsOf } from '../engine/naming';

/** A name says what is measured, not how: the kind is already in the metric's type. */
export default createFactsRule(
  {
    id: 'metric-type-in-name',
    description: "Metric names do not restate the metric kind ('_counter', '_gauge', '_histogram').",
    category: 'naming',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      kindInName: "'{{name}}' restates its kind ('{{word}}'); the metric type already says it.",
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace)) {
      const name = decl.name;
      if (name === undefined) continue;
      const words = wordsOf(name);
      const word = words.find((w, i) => KIND_WORDS.includes(w) && isKindWord(w, decl.kind, i === words.length - 1));
      if (word === undefined) continue;
      const fix = renameFix(context.workspace, context.fileName, decl, rewriteWords(name, (words) => words.filter((w) => w !== word)));
      context.report({ range: decl.nameRange, messageId: 'kindInName', data: { name, word }, ...(fix ? { fix } : {}) });
    }
  },
);

/**
 * 'counter', 'gauge' and 'histogram' are never what a metric measures. 'summary' and 'metric' are ordinary
 * words too (`attestation_summary`, a gauge): only a summary named `_summary`, or a trailing `_metric`, restate the kind.
 */
function isKindWord(word: string, kind: string, isLast: boolean): boolean {
  if (word === 'summary') return kind === 'summary';
  if (word === 'metric') return isLast;
  return true;
}
