/**
 * Whether a value's declared type confines it to a small fixed set: a union of literals, an enum, `boolean`, or an
 * alias or interface member of those, declared in the same file. Syntactic: the annotation is read, not inferred,
 * so a value is bounded only when its declaration says so (`status: 'ok' | 'error'`, `kind: JobKind`).
 */
import ts from 'typescript';
import { propertyKey, unwrap } from './ast-utils';

/** Aliases of aliases are followed this deep; real code nests one or two. */
const MAX_DEPTH = 6;

/** True when the expression's declared type (read from annotations in its file) is a small fixed set. */
export function isBoundedByType(expression: ts.Expression): boolean {
  const e = textOf(unwrap(expression));
  const sourceFile = e.getSourceFile();
  const type = declaredTypeOf(e, sourceFile, 0);
  return type !== undefined && isBoundedType(type, sourceFile, 0);
}

/** `String(x)`, `x.toString()` and `${x}` have as many values as `x`. */
export function textOf(e: ts.Expression): ts.Expression {
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.arguments.length === 1 && e.arguments[0]) return unwrap(e.arguments[0]);
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'toString') return unwrap(e.expression.expression);
  if (ts.isTemplateExpression(e) && e.head.text === '' && e.templateSpans.length === 1 && e.templateSpans[0]?.literal.text === '') return unwrap(e.templateSpans[0].expression);
  return e;
}

/** The annotation that declares an identifier or property access, following interfaces and type literals. */
function declaredTypeOf(e: ts.Expression, sourceFile: ts.SourceFile, depth: number): ts.TypeNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isIdentifier(e)) return annotationOf(e);
  if (ts.isPropertyAccessExpression(e)) {
    const owner = declaredTypeOf(unwrap(e.expression), sourceFile, depth + 1);
    return owner && memberType(owner, e.name.text, sourceFile, depth + 1);
  }
  return undefined;
}

/** The type annotation of the parameter, variable or destructured binding an identifier refers to. */
function annotationOf(id: ts.Identifier): ts.TypeNode | undefined {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const p of scope.parameters) {
        if (ts.isIdentifier(p.name) && p.name.text === id.text) return p.type;
        if (ts.isObjectBindingPattern(p.name) && p.type) {
          const element = p.name.elements.find((el) => ts.isIdentifier(el.name) && el.name.text === id.text);
          const key = element && (element.propertyName ? propertyKey(element.propertyName) : id.text);
          if (key !== undefined) return memberType(p.type, key, id.getSourceFile(), 0);
        }
      }
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope)) {
      for (const statement of scope.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const d = statement.declarationList.declarations.find((v) => ts.isIdentifier(v.name) && v.name.text === id.text);
        if (d?.type) return d.type;
      }
    }
  }
  return undefined;
}

/** The type of `name` in a type literal, an interface or an alias of one declared in the file. */
function memberType(type: ts.TypeNode, name: string, sourceFile: ts.SourceFile, depth: number): ts.TypeNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isTypeLiteralNode(type)) return propertyTypeIn(type.members, name);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const declaration = localTypeDeclaration(type.typeName.text, sourceFile);
    if (declaration && ts.isInterfaceDeclaration(declaration)) return propertyTypeIn(declaration.members, name);
    if (declaration && ts.isTypeAliasDeclaration(declaration)) return memberType(declaration.type, name, sourceFile, depth + 1);
  }
  return undefined;
}

function propertyTypeIn(members: ts.NodeArray<ts.TypeElement>, name: string): ts.TypeNode | undefined {
  const member = members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && propertyKey(m.name) === name);
  return member?.type;
}

/** Literal unions, `boolean`, enums, and aliases of those. */
function isBoundedType(type: ts.TypeNode, sourceFile: ts.SourceFile, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return true;
  if (ts.isLiteralTypeNode(type)) return true;
  if (ts.isParenthesizedTypeNode(type)) return isBoundedType(type.type, sourceFile, depth + 1);
  if (ts.isUnionTypeNode(type)) return type.types.every((t) => isBoundedType(t, sourceFile, depth + 1) || isNullish(t));
  if (ts.isTypeReferenceNode(type)) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.left.getText(sourceFile);
    const declaration = localTypeDeclaration(name, sourceFile);
    if (declaration && ts.isEnumDeclaration(declaration)) return true;
    if (declaration && ts.isTypeAliasDeclaration(declaration)) return isBoundedType(declaration.type, sourceFile, depth + 1);
  }
  return false;
}

function isNullish(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword);
}

/** An enum, interface or type alias of that name declared at the top level of the file. */
function localTypeDeclaration(name: string, sourceFile: ts.SourceFile): ts.EnumDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
  for (const statement of sourceFile.statements) {
    if ((ts.isEnumDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name) return statement;
  }
  return undefined;
}
