import { ruleDocsUrl } from '../../../protocol/diagnostic-codes';
import type { RuleContext, RuleMeta, RuleModule, RuleVisitors } from './types';

export type RuleMetaInput = Omit<RuleMeta, 'docsUrl'>;

/** Builds a rule module; the docs URL is derived from the id so it cannot drift. */
export function createRule(meta: RuleMetaInput, create: (context: RuleContext) => RuleVisitors): RuleModule {
  return { meta: { ...meta, docsUrl: ruleDocsUrl(meta.id) }, create };
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
