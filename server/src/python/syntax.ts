/** Small readers over @lezer/python nodes: children, names, string constants, call arguments. */
import type { SyntaxNode } from '@lezer/common';
import type { PythonTree } from './parse-python';

/** The children of a node, in order. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** The source text of a node. */
export function textOf(file: PythonTree, node: SyntaxNode): string {
  return file.text.slice(node.from, node.to);
}

/** `a.b.c` for a name or an attribute chain (`self.meter`); undefined for anything else. */
export function dottedName(file: PythonTree, node: SyntaxNode): string | undefined {
  if (node.name === 'VariableName') return textOf(file, node);
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = node.lastChild;
  if (!object || property?.name !== 'PropertyName') return undefined;
  const base = dottedName(file, object);
  return base === undefined ? undefined : `${base}.${textOf(file, property)}`;
}

/** The value of a constant string (plain or implicitly concatenated, no f-string), with its quote when plain. */
export function stringValue(file: PythonTree, node: SyntaxNode): { value: string; quote?: string } | undefined {
  if (node.name === 'ParenthesizedExpression') {
    // `NAME = (\n    "a long name"\n)`: the string inside, no longer a plain literal a fix may rewrite in place.
    const inner = node.firstChild?.nextSibling;
    const value = inner && inner.nextSibling?.name === ')' ? stringValue(file, inner) : undefined;
    return value ? { value: value.value } : undefined;
  }
  if (node.name === 'ContinuedString') {
    const parts = childrenOf(node).map((c) => (c.name === 'String' ? stringValue(file, c)?.value : undefined));
    return parts.every((p): p is string => p !== undefined) ? { value: parts.join('') } : undefined;
  }
  if (node.name !== 'String') return undefined;
  const raw = textOf(file, node);
  const match = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(raw);
  if (!match) return undefined;
  const [, prefix = '', quote = '', body = ''] = match;
  if (/b/i.test(prefix)) return undefined;
  const value = /r/i.test(prefix) ? body : unescape(body);
  return quote.length === 1 && prefix === '' ? { value, quote } : { value };
}

/**
 * The value of an f-string whose every field is a bare name resolved by `lookup` (`f"{PREFIX}_requests"` with
 * `PREFIX = "app"`); undefined when a field is anything else or carries a conversion or format spec.
 */
export function formatStringValue(file: PythonTree, node: SyntaxNode, lookup: (name: string) => string | undefined): string | undefined {
  if (node.name !== 'FormatString') return undefined;
  const match = /^([fFrR]{1,2})('''|"""|'|")/.exec(textOf(file, node));
  if (!match) return undefined;
  const [opening = '', prefix = '', quote = ''] = match;
  const isRaw = /r/i.test(prefix);
  const literal = (from: number, to: number): string => {
    const text = file.text.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    return isRaw ? text : unescape(text);
  };
  let out = '';
  let at = node.from + opening.length;
  for (const field of childrenOf(node)) {
    if (field.name !== 'FormatReplacement') continue;
    // `{`, one expression, `}`: a conversion (`!r`), a spec (`:>3`) or `=` adds children.
    const inner = childrenOf(field);
    const name = inner.length === 3 && inner[1] ? dottedName(file, inner[1]) : undefined;
    const value = name === undefined ? undefined : lookup(name);
    if (value === undefined) return undefined;
    out += literal(at, field.from) + value;
    at = field.to;
  }
  return out + literal(at, node.to - quote.length);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function unescape(body: string): string {
  return body.replace(/\\(.)/gs, (whole, c: string) => ESCAPES[c] ?? whole);
}

/** One argument of a call: positional (`name` undefined), keyword, or `*args` / `**kwargs` (`isSpread`). */
export interface PyArg {
  readonly name?: string;
  readonly nameNode?: SyntaxNode;
  readonly value: SyntaxNode;
  readonly isSpread: boolean;
}

/** The arguments of an `ArgList`. */
export function argsOf(file: PythonTree, argList: SyntaxNode | null): PyArg[] {
  if (!argList) return [];
  const out: PyArg[] = [];
  const kids = childrenOf(argList).filter((c) => c.name !== '(' && c.name !== ')');
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i];
    if (!node || node.name === ',') continue;
    if (node.name === '*' || node.name === '**') {
      const value = kids[i + 1];
      if (value) out.push({ value, isSpread: true });
      i++;
    } else if (kids[i + 1]?.name === 'AssignOp' && node.name === 'VariableName') {
      const value = kids[i + 2];
      if (value) out.push({ name: textOf(file, node), nameNode: node, value, isSpread: false });
      i += 2;
    } else {
      out.push({ value: node, isSpread: false });
    }
  }
  return out;
}

/** A call's argument by keyword, else by position (only when no spread comes before it). */
export function argument(args: readonly PyArg[], keyword: string, position: number | undefined): PyArg | undefined {
  const named = args.find((a) => a.name === keyword);
  if (named) return named;
  if (position === undefined) return undefined;
  const positional = args.filter((a) => a.name === undefined);
  if (positional.slice(0, position + 1).some((a) => a.isSpread)) return undefined;
  return positional[position];
}

/** The elements of a list, tuple or set literal (`['a', 'b']`, `('a',)`); undefined for anything else. */
export function sequenceElements(node: SyntaxNode): SyntaxNode[] | undefined {
  if (node.name !== 'ArrayExpression' && node.name !== 'TupleExpression' && node.name !== 'SetExpression') return undefined;
  return childrenOf(node).filter((c) => !['[', ']', '(', ')', '{', '}', ','].includes(c.name));
}

/** A numeric literal's value (a leading minus allowed). */
export function numberValue(file: PythonTree, node: SyntaxNode): number | undefined {
  const text = textOf(file, node).replace(/_/g, '');
  if (node.name === 'Number') return Number.isFinite(Number(text)) ? Number(text) : undefined;
  if (node.name === 'UnaryExpression' && /^-\s*[\d.]/.test(text)) {
    const n = Number(text.replace(/\s/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  if (node.name === 'MemberExpression' && /^(?:float\(\s*["']inf["']\s*\)|math\.inf)$/.test(text)) return Infinity;
  return undefined;
}
