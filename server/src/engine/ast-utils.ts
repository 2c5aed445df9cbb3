/** Small helpers over the TypeScript AST shared by the facts extractor and the AST rules. */
import ts from 'typescript';
import type { ArgFact, ObjectFact, StringFact } from './facts';
import type { Range } from './types';

/** The LSP range of a node, without its leading trivia. */
export function rangeOf(sourceFile: ts.SourceFile, node: ts.Node): Range {
  return spanRange(sourceFile, node.getStart(sourceFile), node.getEnd());
}

/** The LSP range of two offsets. */
export function spanRange(sourceFile: ts.SourceFile, start: number, end: number): Range {
  return { start: sourceFile.getLineAndCharacterOfPosition(start), end: sourceFile.getLineAndCharacterOfPosition(end) };
}

/** Strips `as const`, `satisfies`, parentheses, `!` and type assertions. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The last identifier of a callee: `Counter` for `client.Counter`, `defineStats` for `s.defineStats`. */
export function calleeName(expression: ts.Expression): string | undefined {
  const e = unwrap(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The text of a property name when it is static (`a`, `'a'`, `"a"`, `1`). */
export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return undefined;
  if (ts.isComputedPropertyName(name)) {
    const inner = unwrap(name.expression);
    if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  }
  return undefined;
}

/** The property `key: value` (or shorthand `{ key }`) of an object literal. */
export function findProperty(object: ts.ObjectLiteralExpression, key: string): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyKey(property.name) === key) return property;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return property;
  }
  return undefined;
}

/** The value of `key: value` in an object literal (shorthand `{ name }` yields the identifier). */
export function propertyValue(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  const property = findProperty(object, key);
  if (!property) return undefined;
  return ts.isPropertyAssignment(property) ? property.initializer : property.name;
}

/** Compile-time string constants visible by name (top-level `const X = '...'`). */
export type ConstantScope = ReadonlyMap<string, string>;

/** The value of a compile-time constant string expression: literals, constant templates, `+`, known consts. */
export function constantString(node: ts.Expression, constants?: ConstantScope): string | undefined {
  const e = unwrap(node);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isIdentifier(e)) return constants?.get(e.text);
  if (ts.isTemplateExpression(e)) {
    let text = e.head.text;
    for (const span of e.templateSpans) {
      const part = constantString(span.expression, constants) ?? constantNumberText(span.expression);
      if (part === undefined) return undefined;
      text += part + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return concatenation(e, constants);
  return undefined;
}

/**
 * `'a' + b + 'c'` as one string when every operand is constant. The left-deep chain is walked in a loop, so
 * a generated 2,500-term concatenation does not overflow the stack.
 */
function concatenation(e: ts.BinaryExpression, constants: ConstantScope | undefined): string | undefined {
  const rights: ts.Expression[] = [];
  let left: ts.Expression = e;
  while (true) {
    const current = unwrap(left);
    if (!ts.isBinaryExpression(current) || current.operatorToken.kind !== ts.SyntaxKind.PlusToken) break;
    rights.push(current.right);
    left = current.left;
  }
  let text = constantString(left, constants);
  for (let i = rights.length - 1; i >= 0 && text !== undefined; i--) {
    const part = constantString(rights[i] as ts.Expression, constants); // i is in range
    text = part === undefined ? undefined : text + part;
  }
  return text;
}

function constantNumberText(node: ts.Expression): string | undefined {
  const value = numericValue(node);
  return value === undefined ? undefined : String(value);
}

/** The value of a numeric literal, `-literal`, `Infinity`, `NaN` or `Number.POSITIVE_INFINITY`. */
export function numericValue(node: ts.Expression): number | undefined {
  const e = unwrap(node);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)) {
    const inner = numericValue(e.operand);
    if (inner === undefined) return undefined;
    return e.operator === ts.SyntaxKind.MinusToken ? -inner : inner;
  }
  if (ts.isIdentifier(e)) {
    if (e.text === 'Infinity') return Infinity;
    if (e.text === 'NaN') return NaN;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Number') {
    if (e.name.text === 'POSITIVE_INFINITY') return Infinity;
    if (e.name.text === 'NEGATIVE_INFINITY') return -Infinity;
    if (e.name.text === 'NaN') return NaN;
  }
  return undefined;
}

/** A string-valued property or element as a fact (value, range, quote for in-place fixes). */
export function stringFact(sourceFile: ts.SourceFile, node: ts.Expression, constants?: ConstantScope): StringFact {
  const e = unwrap(node);
  const value = constantString(e, constants);
  const range = rangeOf(sourceFile, e);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { value, range, quote: e.getText(sourceFile).charAt(0) };
  return { value, range };
}

/** An object literal as a place where fixes may add a property. */
export function objectFact(sourceFile: ts.SourceFile, object: ts.ObjectLiteralExpression): ObjectFact {
  const last = object.properties[object.properties.length - 1];
  const range = rangeOf(sourceFile, object);
  const base = { range, hasTrailingComma: object.properties.hasTrailingComma };
  if (!last) return base;
  const lastStart = sourceFile.getLineAndCharacterOfPosition(last.getStart(sourceFile));
  const lastPropertyEnd = sourceFile.getLineAndCharacterOfPosition(last.getEnd());
  if (lastStart.line === range.start.line) return { ...base, lastPropertyEnd };
  const lineStart = sourceFile.getPositionOfLineAndCharacter(lastStart.line, 0);
  const indent = sourceFile.text.slice(lineStart, lineStart + lastStart.character);
  return { ...base, lastPropertyEnd, indent: /^\s*$/.test(indent) ? indent : '' };
}

/** True when the expression can be the left operand of `/` or `*` without parentheses. */
export function isSimpleOperand(node: ts.Expression): boolean {
  return (
    ts.isIdentifier(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isCallExpression(node) ||
    ts.isNumericLiteral(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node)
  );
}

/** Summarises a call argument. */
export function argFact(sourceFile: ts.SourceFile, arg: ts.Expression): ArgFact {
  const e = unwrap(arg);
  const range = rangeOf(sourceFile, arg);
  const number = numericValue(e);
  const isString = ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e);
  const base = { range, isSimple: isSimpleOperand(arg), isString };
  if (number !== undefined) return { ...base, number };
  if (ts.isObjectLiteralExpression(e)) {
    const objectKeys = e.properties.map((p) => {
      if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) return propertyKey(p.name);
      if (ts.isShorthandPropertyAssignment(p)) return p.name.text;
      return undefined;
    });
    return { ...base, objectKeys };
  }
  return base;
}

/** The function-like node that contains `node` (its own scope for `return` and closures), if any. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let current = node.parent;
  while (current) {
    if (ts.isFunctionLike(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** True when `inner` lies inside `outer` (or is it). */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** Leading whitespace of the line a node starts on. */
export function lineIndent(sourceFile: ts.SourceFile, node: ts.Node): string {
  const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const start = sourceFile.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(sourceFile.text.slice(start, start + 200))?.[0] ?? '';
}
