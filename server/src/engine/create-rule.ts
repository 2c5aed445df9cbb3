import { ruleDocsUrl } from '../../../protocol/diagnostic-codes';
import type { AstRuleModule, FactsRuleContext, FactsRuleModule, RuleContext, RuleMeta, RuleVisitors } from './types';

/** Rule metadata as a rule file writes it; `docsUrl` is derived from the id so it cannot drift. */
export type RuleMetaInput<O> = Omit<RuleMeta<O>, 'docsUrl'>;

/** Options type of a rule without options. */
export type NoOptions = Readonly<Record<string, never>>;

/** Builds an AST rule: visitors keyed by syntax kind, called during the shared walk. */
export function createRule<O = NoOptions>(meta: RuleMetaInput<O>, create: (context: RuleContext<O>) => RuleVisitors): AstRuleModule<O> {
  return { kind: 'ast', meta: { ...meta, docsUrl: ruleDocsUrl(meta.id) }, create };
}

/** Builds a facts rule: checks the file's extracted facts against the workspace index, without the AST. */
export function createFactsRule<O = NoOptions>(meta: RuleMetaInput<O>, check: (context: FactsRuleContext<O>) => void): FactsRuleModule<O> {
  return { kind: 'facts', meta: { ...meta, docsUrl: ruleDocsUrl(meta.id) }, check };
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
