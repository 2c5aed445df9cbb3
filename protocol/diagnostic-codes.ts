/**
 * The catalogue of lint rule ids. Each id is also the LSP diagnostic `code`, the base name of the
 * rule's `.ts`, `.md` and `.test.ts` files, and a key of the `statscope.lint.rules` setting.
 * Sorted; a meta-test keeps it in sync with `server/src/rules/index.ts` and package.json.
 */
export const DIAGNOSTIC_CODES = ['metric-name-format'] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** Where a rule's documentation lives; used for `codeDescription.href`. */
export const RULE_DOCS_BASE = 'https://github.com/statscope/statscope/blob/main/server/src/rules/';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return (DIAGNOSTIC_CODES as readonly string[]).includes(value);
}
