/** Validates rule options from configuration against the rule's option schema; bad values keep the default. */
import type { OptionSchema, RuleMeta } from './types';

/** The rule's defaults, overridden by each well-typed option in `raw`. */
export function resolveOptions<O>(meta: RuleMeta<O>, raw: unknown): O {
  const defaults = meta.options?.defaults;
  if (meta.options === undefined || !isRecord(raw)) return (defaults ?? {}) as O; // rules without options get {}
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, schema] of Object.entries(meta.options.schema)) {
    if (key in raw && matches(schema, raw[key])) merged[key] = raw[key];
  }
  return merged as O; // every key was checked against its schema above
}

/** Problems with an options object, for config validation messages. */
export function optionProblems<O>(meta: RuleMeta<O>, raw: unknown): string[] {
  if (!isRecord(raw)) return raw === undefined ? [] : ['options must be an object'];
  const schema = meta.options?.schema ?? {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const s = schema[key];
    if (!s) problems.push(`unknown option '${key}'`);
    else if (!matches(s, value)) problems.push(`option '${key}' must be ${describe(s)}`);
  }
  return problems;
}

function matches(schema: OptionSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' && (schema.enum === undefined || schema.enum.includes(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value) && value.every((v: unknown) => matches(schema.items, v));
  }
}

function describe(schema: OptionSchema): string {
  if (schema.type === 'array') return `an array of ${describe(schema.items)}s`;
  if (schema.type === 'string' && schema.enum) return `one of ${schema.enum.join(', ')}`;
  return `a ${schema.type}`;
}

/** Narrows to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
