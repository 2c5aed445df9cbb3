/** Word-level edits of metric names that keep the name's style (snake_case, camelCase, dotted). */
import { toSnakeCase } from '../../../runtime/src/conventions';
import type { MetricApi } from './facts';
import type { RuleSettings } from './types';

/**
 * The conventions a declaration is judged by. prom-client accepts only Prometheus names, so it is always
 * Prometheus; OTel instruments follow OpenTelemetry naming unless a style is forced.
 */
export function conventionFor(decl: { readonly api: MetricApi }, settings: RuleSettings): 'prometheus' | 'otel' {
  if (decl.api !== 'otel') return 'prometheus';
  return settings.namingStyle === 'prometheus' ? 'prometheus' : 'otel';
}

/** How a name joins its words. */
export type NameStyle = 'snake' | 'camel' | 'dotted';

/** The style a name is written in. */
export function nameStyleOf(name: string): NameStyle {
  if (name.includes('.')) return 'dotted';
  if (/[a-z0-9][A-Z]/.test(name) && !name.includes('_')) return 'camel';
  return 'snake';
}

/** The lower-case words of a name. */
export function wordsOf(name: string): string[] {
  return toSnakeCase(name).split('_').filter((w) => w !== '');
}

/** Joins words in a style (`camel` capitalises all but the first). */
export function joinWords(words: readonly string[], style: NameStyle): string {
  if (style === 'camel') return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return words.join(style === 'dotted' ? '.' : '_');
}

/**
 * Rewrites a name's words and writes it back in its own style. Dotted names keep their dots between
 * segments but each segment is handled as snake words. Undefined when no words remain.
 */
export function rewriteWords(name: string, edit: (words: string[]) => string[]): string | undefined {
  const style = nameStyleOf(name);
  if (style === 'dotted') {
    const words = edit(name.split('.').flatMap((segment) => segment.split('_')).filter((w) => w !== ''));
    return words.length === 0 ? undefined : words.join('.');
  }
  const words = edit(wordsOf(name));
  return words.length === 0 ? undefined : joinWords(words, style);
}

/** Collapses repeated neighbours: `bytes_bytes` → `bytes`. */
export function dedupeNeighbours(words: readonly string[]): string[] {
  return words.filter((w, i) => i === 0 || words[i - 1] !== w);
}

/** True when a name can be written as a bare identifier key. */
export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}
