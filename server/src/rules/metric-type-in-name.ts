import { KIND_WORDS } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsOf } from '../engine/facts';
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
    for (const decl of declarationsOf(context.facts)) {
      const name = decl.name;
      if (name === undefined) continue;
      const word = wordsOf(name).find((w) => KIND_WORDS.includes(w));
      if (word === undefined) continue;
      const fix = renameFix(context.workspace, context.fileName, decl, rewriteWords(name, (words) => words.filter((w) => w !== word)));
      context.report({ range: decl.nameRange, messageId: 'kindInName', data: { name, word }, ...(fix ? { fix } : {}) });
    }
  },
);
