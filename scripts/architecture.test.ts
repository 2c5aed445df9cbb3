/**
 * Enforces who may import whom (STYLE.md §1) by walking the import graph of every TypeScript source,
 * and fails on import cycles.
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['runtime', 'protocol', 'server', 'runs', 'client', 'cli'];
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

interface Unit {
  readonly name: string;
  /** Repository-relative path prefix that selects the files of this unit. */
  readonly prefix: string;
  readonly units: readonly string[];
  readonly packages: (specifier: string) => boolean;
}

const builtin = (s: string): boolean => BUILTINS.has(s) || BUILTINS.has(s.split('/')[0] ?? '');
const otel = (s: string): boolean => s.startsWith('@opentelemetry/');
const testOnly = (s: string): boolean => s === 'mocha' || s === 'prom-client' || s === 'esbuild' || otel(s) || builtin(s);

/** Ordered from most to least specific prefix; the first match owns a file. */
const UNITS: readonly Unit[] = [
  { name: 'conventions', prefix: 'runtime/src/conventions/', units: [], packages: (s) => s === 'node:assert/strict' },
  { name: 'runtime-tests', prefix: 'runtime/test/', units: ['runtime', 'conventions'], packages: testOnly },
  { name: 'runtime-bench', prefix: 'runtime/bench/', units: ['runtime', 'conventions', 'runtime-tests'], packages: testOnly },
  {
    name: 'server-bench',
    prefix: 'server/bench/',
    units: ['server', 'protocol', 'conventions'],
    packages: (s) => builtin(s) || s === 'typescript' || s === 'eslint' || s === 'typescript-eslint' || s.startsWith('@typescript-eslint/') || s.startsWith('vscode-jsonrpc') || s.startsWith('vscode-languageserver'),
  },
  { name: 'runtime', prefix: 'runtime/', units: ['conventions'], packages: (s) => builtin(s) || otel(s) },
  { name: 'protocol', prefix: 'protocol/', units: ['conventions'], packages: (s) => s.startsWith('vscode-languageserver-protocol') || s === 'node:assert/strict' },
  {
    name: 'server',
    prefix: 'server/',
    units: ['protocol', 'conventions'],
    packages: (s) => builtin(s) || s === 'typescript' || s.startsWith('vscode-languageserver') || s.startsWith('vscode-jsonrpc') || s === 'mocha' || s === 'yaml' /* generate/ */,
  },
  { name: 'runs', prefix: 'runs/', units: ['protocol', 'conventions'], packages: (s) => builtin(s) || otel(s) || s === 'protobufjs' },
  { name: 'webview', prefix: 'client/webview/', units: ['protocol'], packages: (s) => s === 'uplot' /* the charting library, bundled into the panel script */ },
  { name: 'client-bench', prefix: 'client/bench/', units: ['client', 'runs', 'protocol', 'conventions', 'runtime-bench'], packages: (s) => builtin(s) || s === 'playwright-core' },
  { name: 'client-tests', prefix: 'client/test/', units: ['client', 'runs', 'protocol', 'conventions'], packages: (s) => builtin(s) || s === 'vscode' || s === 'mocha' },
  { name: 'client', prefix: 'client/', units: ['protocol', 'conventions', 'runs'], packages: (s) => builtin(s) || s === 'vscode' || s.startsWith('vscode-languageclient') },
  { name: 'cli', prefix: 'cli/', units: ['server', 'runs', 'protocol', 'conventions'], packages: (s) => builtin(s) || otel(s) || s === 'ajv' /* SARIF schema test */ || s === 'yaml' /* generate tests */ },
];

function unitOf(file: string): Unit | undefined {
  return UNITS.find((u) => file.startsWith(u.prefix));
}

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((entry) => {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'python') return [];
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Module specifiers a file imports, read from its syntax tree: import and export declarations,
 * `import x = require()`, `require()` and `import()` calls, and `import('...')` types. Code in strings
 * and comments (rule tests hold whole programs in template literals) is not an import.
 */
function importsOf(file: string): string[] {
  return importsOfText(file, readFileSync(join(ROOT, file), 'utf8'));
}

function importsOfText(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifierOf(node);
    if (specifier !== undefined) specifiers.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

function moduleSpecifierOf(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) return literalText(node.moduleSpecifier);
  if (ts.isExternalModuleReference(node)) return literalText(node.expression);
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) return literalText(node.argument.literal);
  if (ts.isCallExpression(node)) {
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
    const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
    if ((isRequire || isImport) && node.arguments.length === 1) return literalText(node.arguments[0]);
  }
  return undefined;
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node !== undefined && ts.isStringLiteralLike(node) ? node.text : undefined;
}

function resolveRelative(file: string, specifier: string): string | undefined {
  const base = join(dirname(file), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(join(ROOT, candidate))) return relative(ROOT, join(ROOT, candidate));
  }
  return undefined;
}

describe('architecture', () => {
  const files = SOURCE_DIRS.flatMap(sourceFiles);
  const graph = new Map<string, string[]>();

  it('finds the sources', () => {
    assert.ok(files.length > 10, `only ${files.length} source files found under ${ROOT}`);
  });

  it('every import follows the unit table', () => {
    const violations: string[] = [];
    for (const file of files) {
      const unit = unitOf(file);
      if (!unit) continue;
      const edges: string[] = [];
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = resolveRelative(file, specifier);
          if (!target) continue;
          edges.push(target);
          const targetUnit = unitOf(target);
          if (targetUnit && targetUnit !== unit && !unit.units.includes(targetUnit.name)) {
            violations.push(`${file} (${unit.name}) imports ${target} (${targetUnit.name})`);
          }
        } else if (!unit.packages(specifier)) {
          violations.push(`${file} (${unit.name}) imports package '${specifier}'`);
        }
      }
      graph.set(file, edges);
    }
    assert.deepEqual(violations, []);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('detects a forbidden import (self-check of the walker)', () => {
    assert.deepEqual(importsOf('client/src/extension.ts').includes('./commands'), true);
    assert.equal(unitOf('server/src/server.ts')?.packages('vscode'), false);
  });

  it('reads every form of import, and none from strings or comments', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import 'c';",
      "export { d } from 'd';",
      "import e = require('e');",
      "const f = require('f');",
      "const g = await import('g');",
      "type H = typeof import('h');",
      "const snippet = `const x = require('in-a-string');`;",
      "// import z from 'in-a-comment';",
    ].join('\n');
    assert.deepEqual(importsOfText('sample.ts', text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });
});
