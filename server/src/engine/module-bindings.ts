/**
 * The module surface of a file from its top-level statements: imports (ES and `require`), exports
 * (ES and CommonJS), re-exports, and top-level string constants. Cheap: it never walks into bodies.
 */
import ts from 'typescript';
import { constantString, rangeOf, unwrap } from './ast-utils';
import type { ExportFact, ImportFact, ReExportFact } from './facts';
import type { PromClientBindings } from './metric-declarations';

/** A file's imports, exports and constants. */
export interface ModuleBindings {
  readonly imports: ImportFact[];
  readonly exports: ExportFact[];
  readonly reExports: ReExportFact[];
  readonly starExports: string[];
  /** Every top-level `const X = <constant string>`. */
  readonly constants: Map<string, string>;
  /** The exported subset of `constants`. */
  readonly exportedConstants: Record<string, string>;
  readonly promClient: PromClientBindings;
}

const PROM_CLIENT = 'prom-client';

/** Reads imports, exports and constants from the top-level statements. */
export function moduleBindings(sourceFile: ts.SourceFile): ModuleBindings {
  const out: ModuleBindings = {
    imports: [],
    exports: [],
    reExports: [],
    starExports: [],
    constants: new Map(),
    exportedConstants: {},
    promClient: { named: new Map(), namespaces: new Set() },
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) readImport(sourceFile, statement, out);
    else if (ts.isImportEqualsDeclaration(statement)) readImportEquals(sourceFile, statement, out);
    else if (ts.isExportDeclaration(statement)) readExportDeclaration(statement, out);
    else if (ts.isExportAssignment(statement)) readExportAssignment(statement, out);
    else if (ts.isVariableStatement(statement)) readVariables(sourceFile, statement, out);
    else if (ts.isExpressionStatement(statement)) readCommonJsExport(statement.expression, out);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && isExported(statement)) {
      out.exports.push({ exported: isDefault(statement) ? 'default' : statement.name.text, local: statement.name.text });
    }
  }
  for (const i of out.imports) if (i.from === PROM_CLIENT) addPromClientBinding(out.promClient, i);
  return out;
}

function addPromClientBinding(bindings: PromClientBindings, i: ImportFact): void {
  if (i.imported === '*' || i.imported === 'default') (bindings.namespaces as Set<string>).add(i.local);
  else (bindings.named as Map<string, string>).set(i.local, i.imported);
}

function moduleName(node: ts.Expression | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}

function readImport(sf: ts.SourceFile, node: ts.ImportDeclaration, out: ModuleBindings): void {
  const from = moduleName(node.moduleSpecifier);
  const clause = node.importClause;
  if (from === undefined || !clause || clause.isTypeOnly) return;
  const range = rangeOf(sf, node);
  if (clause.name) out.imports.push({ local: clause.name.text, imported: 'default', from, range });
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) out.imports.push({ local: bindings.name.text, imported: '*', from, range });
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      out.imports.push({ local: element.name.text, imported: (element.propertyName ?? element.name).text, from, range });
    }
  }
}

function readImportEquals(sf: ts.SourceFile, node: ts.ImportEqualsDeclaration, out: ModuleBindings): void {
  if (node.isTypeOnly || !ts.isExternalModuleReference(node.moduleReference)) return;
  const from = moduleName(node.moduleReference.expression);
  if (from !== undefined) out.imports.push({ local: node.name.text, imported: '*', from, range: rangeOf(sf, node) });
}

function readExportDeclaration(node: ts.ExportDeclaration, out: ModuleBindings): void {
  if (node.isTypeOnly) return;
  const from = moduleName(node.moduleSpecifier);
  const clause = node.exportClause;
  if (!clause) {
    if (from !== undefined) out.starExports.push(from);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (from !== undefined) out.reExports.push({ exported: clause.name.text, imported: '*', from });
    return;
  }
  for (const element of clause.elements) {
    if (element.isTypeOnly) continue;
    const local = (element.propertyName ?? element.name).text;
    if (from !== undefined) out.reExports.push({ exported: element.name.text, imported: local, from });
    else out.exports.push({ exported: element.name.text, local });
  }
}

function readExportAssignment(node: ts.ExportAssignment, out: ModuleBindings): void {
  const value = unwrap(node.expression);
  if (ts.isIdentifier(value)) out.exports.push({ exported: node.isExportEquals ? '=' : 'default', local: value.text });
}

function readVariables(sf: ts.SourceFile, statement: ts.VariableStatement, out: ModuleBindings): void {
  const exported = isExported(statement);
  const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
  for (const declaration of statement.declarationList.declarations) {
    const init = declaration.initializer;
    if (init && readRequire(sf, declaration, init, out)) continue;
    if (!ts.isIdentifier(declaration.name)) continue;
    const name = declaration.name.text;
    if (exported) out.exports.push({ exported: name, local: name });
    const value = init && isConst ? constantString(init, out.constants) : undefined;
    if (value === undefined) continue;
    out.constants.set(name, value);
    if (exported) out.exportedConstants[name] = value;
  }
}

/** `const x = require('m')`, `const { a, b: c } = require('m')`, `const y = require('m').y`. */
function readRequire(sf: ts.SourceFile, declaration: ts.VariableDeclaration, init: ts.Expression, out: ModuleBindings): boolean {
  const value = unwrap(init);
  const call = ts.isPropertyAccessExpression(value) ? unwrap(value.expression) : value;
  if (!ts.isCallExpression(call) || !isRequire(call)) return false;
  const from = moduleName(call.arguments[0]);
  if (from === undefined) return false;
  const range = rangeOf(sf, declaration);
  const picked = ts.isPropertyAccessExpression(value) ? value.name.text : '*';
  if (ts.isIdentifier(declaration.name)) {
    out.imports.push({ local: declaration.name.text, imported: picked, from, range });
  } else if (ts.isObjectBindingPattern(declaration.name) && picked === '*') {
    for (const element of declaration.name.elements) {
      if (!ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
      const property = element.propertyName;
      const imported = property && (ts.isIdentifier(property) || ts.isStringLiteral(property)) ? property.text : element.name.text;
      out.imports.push({ local: element.name.text, imported, from, range });
    }
  }
  return true;
}

function isRequire(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1;
}

/** `module.exports = x`, `module.exports = { a, b: c }`, `module.exports.a = x`, `exports.a = x`. */
function readCommonJsExport(expression: ts.Expression, out: ModuleBindings): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left;
  const value = unwrap(expression.right);
  if (isModuleExports(target)) {
    if (ts.isIdentifier(value)) out.exports.push({ exported: '=', local: value.text });
    if (ts.isObjectLiteralExpression(value)) {
      for (const p of value.properties) {
        if (ts.isShorthandPropertyAssignment(p)) out.exports.push({ exported: p.name.text, local: p.name.text });
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isIdentifier(unwrap(p.initializer))) {
          out.exports.push({ exported: p.name.text, local: (unwrap(p.initializer) as ts.Identifier).text }); // checked just above
        }
      }
    }
    return;
  }
  if (ts.isPropertyAccessExpression(target) && (isModuleExports(target.expression) || isIdentifierNamed(target.expression, 'exports')) && ts.isIdentifier(value)) {
    out.exports.push({ exported: target.name.text, local: value.text });
  }
}

/** True for `module.exports`. */
export function isModuleExports(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && isIdentifierNamed(node.expression, 'module') && node.name.text === 'exports';
}

function isIdentifierNamed(node: ts.Expression, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefault(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

