/** Extracts a Python file's facts (declarations, uses, module surface) into the same {@link FileFacts} as TypeScript. */
import type { SyntaxNode } from '@lezer/common';
import { detach } from '../engine/detach';
import { parseRuleList } from '../engine/disable-directives';
import type { ArgFact, DisableDirective, EmissionFact, ExportFact, FileFacts, MemberFact, MetricDecl, MetricUse, StructDecl, WrapperCallFact, WrapperFact } from '../engine/facts';
import { isRelative } from '../engine/extract-facts';
import type { Range } from '../engine/range';
import { OTEL_FACTORIES, PythonApis, methodOf } from './apis';
import { otelDeclaration, promDeclaration, statscopeClass, statscopeStruct } from './declarations';
import type { DeclScope, FactoryKind } from './declarations';
import { readImports } from './imports';
import type { PythonTree } from './parse-python';
import { rangeOf } from './parse-python';
import { argsOf, argument, childrenOf, dottedName, numberValue, stringValue, textOf } from './syntax';
import { wrapperCallOf, wrapperOf } from './wrappers';
import type { PyArg } from './syntax';

/** The nodes the extraction looks at, gathered in one iterative pass (no recursion per nesting level). */
export interface PythonNodes {
  readonly imports: SyntaxNode[];
  readonly assignments: SyntaxNode[];
  readonly calls: SyntaxNode[];
  readonly classes: SyntaxNode[];
  readonly params: SyntaxNode[];
  readonly comments: SyntaxNode[];
  readonly decorators: SyntaxNode[];
}

const WANTED: Readonly<Record<string, keyof PythonNodes>> = {
  ImportStatement: 'imports',
  AssignStatement: 'assignments',
  CallExpression: 'calls',
  ClassDefinition: 'classes',
  ParamList: 'params',
  Comment: 'comments',
  Decorator: 'decorators',
};

export function gatherNodes(file: PythonTree): PythonNodes {
  const nodes: PythonNodes = { imports: [], assignments: [], calls: [], classes: [], params: [], comments: [], decorators: [] };
  file.tree.iterate({
    enter: (ref) => {
      const list = WANTED[ref.name];
      if (list) nodes[list].push(ref.node);
    },
  });
  return nodes;
}

/** kwargs of prometheus_client record calls that are not label values. */
const VALUE_KEYWORDS = new Set(['amount', 'value', 'exemplar']);
/** Where label values go in statscope record calls: `inc(values)`, `observe(value, values)`. */
const LABEL_INDEX: ReadonlyMap<string, number> = new Map(Object.entries({ inc: 0, dec: 0, add: 1, set: 1, observe: 1 }));

interface Handle {
  readonly receiver: string;
  readonly receiverRange: Range;
  readonly members: readonly MemberFact[];
}

/**
 * Everything the index keeps about one Python file. `isDetached: false` skips the copy that frees the source text
 * (see `detach`): for a document open in the editor, re-extracted on every keystroke, whose text is alive anyway.
 */
export function extractPythonFacts(file: PythonTree, nodes: PythonNodes = gatherNodes(file), apis: PythonApis = pythonApisOf(file, nodes), options: { readonly isDetached?: boolean } = {}): FileFacts {
  const imports = apis.imports;
  const constants = constantsOf(file, nodes.assignments);
  const scope: DeclScope = { file, constants, aliases: aliasesOf(file, nodes.assignments), isParameter: (node) => isParameter(file, node) };
  const factoryKind: FactoryKind = (callee) => {
    const fn = apis.statscope(callee);
    return fn === 'counter' || fn === 'gauge' || fn === 'histogram' ? fn : undefined;
  };
  const classStructs = new Map<string, Omit<StructDecl, 'local'>>();
  for (const cls of nodes.classes) {
    const name = childrenOf(cls).find((c) => c.name === 'VariableName');
    const argList = childrenOf(cls).find((c) => c.name === 'ArgList');
    const isStruct = argList && argsOf(file, argList).some((a) => a.name === undefined && apis.statscope(dottedName(file, a.value) ?? '') === 'StatsStruct');
    const struct = isStruct ? statscopeClass(scope, cls, factoryKind) : undefined;
    if (name && struct) classStructs.set(textOf(file, name), struct);
  }
  const structs: StructDecl[] = [];
  const rawMetrics: MetricDecl[] = [];
  const wrappers: WrapperFact[] = [];
  const wrapperCalls: WrapperCallFact[] = [];
  let emission: EmissionFact | undefined;
  for (const call of nodes.calls) {
    const callee = call.firstChild ? dottedName(file, call.firstChild) : undefined;
    if (callee === undefined || !call.firstChild) continue;
    const local = bindingOf(file, call);
    const fn = apis.statscope(callee);
    if (fn === 'define_stats') {
      const struct = classStructOf(file, call, classStructs) ?? statscopeStruct(scope, call, local, factoryKind);
      if (struct) structs.push({ ...struct, local });
      continue;
    }
    const promKind = apis.promKind(callee);
    const method = methodOf(callee);
    const otelKind = method && apis.isMeter(method.receiver) ? OTEL_FACTORIES.get(method.method) : undefined;
    const decl = promKind ? promDeclaration(scope, call, promKind, local) : otelKind && method ? otelDeclaration(scope, call, method.method, otelKind, local) : undefined;
    if (decl) {
      rawMetrics.push(decl);
      emission ??= { kind: 'raw-metric', range: decl.calleeRange };
      const nameNode = decl.isNameFromParameter === true ? argument(argsOf(file, call.lastChild), 'name', 0)?.value : undefined;
      const wrapper = nameNode ? wrapperOf(file, decl, nameNode) : undefined;
      if (wrapper) wrappers.push(wrapper);
    } else if (apis.spanStart(callee)) {
      emission ??= { kind: 'span', range: rangeOf(file, call.firstChild) };
    } else if (!fn) {
      const wrapperCall = wrapperCallOf(file, call, callee);
      if (wrapperCall) wrapperCalls.push(wrapperCall);
    }
  }
  const roots = new Set<string>([...structs.flatMap((s) => (s.local ? [s.local] : [])), ...rawMetrics.flatMap((m) => (m.local ? [m.local] : []))]);
  for (const i of imports.facts) if (isRelative(i.from)) roots.add(i.local);
  const { uses, escapes } = collectUses(file, roots);
  const exports = moduleExports(file, nodes.assignments);
  const telemetryExports = exports.flatMap((e): { name: string; kind: 'meter' | 'tracer' }[] =>
    apis.meters.has(e.local) ? [{ name: e.exported, kind: 'meter' }] : apis.tracers.has(e.local) ? [{ name: e.exported, kind: 'tracer' }] : [],
  );
  const facts: FileFacts = {
    fileName: file.fileName,
    isTypeScript: false,
    language: 'python',
    imports: imports.facts,
    exports,
    reExports: [],
    starExports: [],
    constants: Object.fromEntries([...constants].filter(([k]) => !k.includes('.'))),
    structs,
    rawMetrics,
    uses,
    escapes: [...escapes],
    ...(emission ? { emission } : {}),
    disabled: disableDirectives(file, nodes.comments),
    ...(telemetryExports.length > 0 ? { telemetryExports } : {}),
    ...(wrappers.length > 0 ? { wrappers } : {}),
    ...(wrapperCalls.length > 0 ? { wrapperCalls } : {}),
  };
  return options.isDetached === false ? facts : detach(facts);
}

/** The file's metric and tracing APIs, with its meters and tracers noted from assignments and annotations. */
export function pythonApisOf(file: PythonTree, nodes: PythonNodes): PythonApis {
  const apis = new PythonApis(file, readImports(file, nodes.imports));
  for (const p of nodes.params) apis.noteParameters(p);
  for (const a of nodes.assignments) {
    const target = assignmentTarget(file, a);
    if (target !== undefined && a.lastChild) apis.noteAssignment(target, a.lastChild);
  }
  return apis;
}

/** `define_stats(Inference)` where `Inference` is a StatsStruct class of this file. */
function classStructOf(file: PythonTree, call: SyntaxNode, classes: ReadonlyMap<string, Omit<StructDecl, 'local'>>): Omit<StructDecl, 'local'> | undefined {
  const first = argsOf(file, call.lastChild)[0];
  return first && first.name === undefined && first.value.name === 'VariableName' ? classes.get(textOf(file, first.value)) : undefined;
}

/** The single name or attribute an assignment binds (`x = ...`, `self.x: T = ...`); undefined for tuples. */
function assignmentTarget(file: PythonTree, assignment: SyntaxNode): string | undefined {
  const ops = childrenOf(assignment).filter((c) => c.name === 'AssignOp');
  if (ops.length !== 1 || textOf(file, ops[0] ?? assignment) !== '=') return undefined;
  return assignment.firstChild ? dottedName(file, assignment.firstChild) : undefined;
}

/** The binding a call's value is assigned to, when the call is the whole right-hand side. */
function bindingOf(file: PythonTree, call: SyntaxNode): string | undefined {
  const parent = call.parent;
  if (parent?.name !== 'AssignStatement' || parent.lastChild?.from !== call.from) return undefined;
  return assignmentTarget(file, parent);
}

/** String constants at module level (`NAME = "x"`) and in module-level classes (`Names.X`). */
function constantsOf(file: PythonTree, assignments: readonly SyntaxNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of assignments) {
    const target = a.firstChild;
    const value = a.lastChild ? stringValue(file, a.lastChild) : undefined;
    if (target?.name !== 'VariableName' || !value || childrenOf(a).filter((c) => c.name === 'AssignOp').length !== 1) continue;
    const owner = a.parent;
    if (owner?.name === 'Script') out.set(textOf(file, target), value.value);
    else if (owner?.name === 'Body' && owner.parent?.name === 'ClassDefinition' && owner.parent.parent?.name === 'Script') {
      const cls = childrenOf(owner.parent).find((c) => c.name === 'VariableName');
      if (cls) out.set(`${textOf(file, cls)}.${textOf(file, target)}`, value.value);
    }
  }
  return out;
}

/** Module-level names bound to another name (`DURATION = (MetricInstruments.HTTP_DURATION)`): name → that name. */
function aliasesOf(file: PythonTree, assignments: readonly SyntaxNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of assignments) {
    let value = a.lastChild;
    if (value?.name === 'ParenthesizedExpression') value = value.firstChild?.nextSibling ?? null;
    const target = a.firstChild;
    const dotted = value ? dottedName(file, value) : undefined;
    if (a.parent?.name === 'Script' && target?.name === 'VariableName' && dotted !== undefined) out.set(textOf(file, target), dotted);
  }
  return out;
}

/** Module-level names: what `from module import name` can import. */
function moduleExports(file: PythonTree, assignments: readonly SyntaxNode[]): ExportFact[] {
  const names = new Set<string>();
  for (const a of assignments) if (a.parent?.name === 'Script' && a.firstChild?.name === 'VariableName') names.add(textOf(file, a.firstChild));
  return [...names].map((n) => ({ exported: n, local: n }));
}

/** True when a name is a parameter of the function (or lambda) it appears in. */
function isParameter(file: PythonTree, node: SyntaxNode): boolean {
  const name = textOf(file, node);
  for (let p = node.parent; p; p = p.parent) {
    if (p.name !== 'FunctionDefinition' && p.name !== 'LambdaExpression') continue;
    const params = childrenOf(p).find((c) => c.name === 'ParamList');
    return params !== undefined && childrenOf(params).some((c) => c.name === 'VariableName' && textOf(file, c) === name);
  }
  return false;
}

/** Member chains on roots and handles (`stats.requests.labels(model=m).inc()`), and roots used otherwise. */
function collectUses(file: PythonTree, roots: ReadonlySet<string>): { uses: MetricUse[]; escapes: Set<string> } {
  const heads = new Set([...roots].map((r) => r.split('.')[0] ?? r));
  if (heads.size === 0) return { uses: [], escapes: new Set() };
  const first = scanUses(file, candidateOffsets(file.text, heads), roots, heads);
  if (first.handles.size === 0) return first;
  // Handles (`ok = m.labels(...)`) are used under their own names: scan again for those too.
  const all = new Set([...heads, ...first.handles.keys()]);
  return scanUses(file, candidateOffsets(file.text, all), roots, all);
}

function scanUses(file: PythonTree, offsets: readonly number[], roots: ReadonlySet<string>, heads: ReadonlySet<string>): { uses: MetricUse[]; escapes: Set<string>; handles: Map<string, Handle> } {
  const uses: MetricUse[] = [];
  const escapes = new Set<string>();
  const handles = new Map<string, Handle>();
  for (const from of offsets) {
    if (!startsWithHead(file.text, from, heads, handles)) continue;
    const name = file.tree.resolveInner(from, 1);
    if (name.name !== 'VariableName') continue;
    const start = rootAt(file, name, roots, handles);
    if (!start || isBindingSite(start.node)) continue;
    const { members, outer } = chainFrom(file, start.node);
    if (members.length === 0) {
      if (roots.has(start.root)) escapes.add(start.root);
      continue;
    }
    const handle = handles.get(start.root);
    const use: MetricUse = handle
      ? { receiver: handle.receiver, receiverRange: handle.receiverRange, members: [...handle.members, ...members], handleMembers: handle.members.length }
      : { receiver: start.root, receiverRange: rangeOf(file, start.node), members };
    uses.push(use);
    const bound = outer.parent?.name === 'AssignStatement' && outer.parent.lastChild?.from === outer.from ? assignmentTarget(file, outer.parent) : undefined;
    if (bound !== undefined && members.some((m) => m.name === 'labels')) handles.set(bound, { receiver: use.receiver, receiverRange: use.receiverRange, members: use.members });
  }
  return { uses, escapes, handles };
}

/** Where the given names may start as identifiers: one native regular-expression scan, not a test per identifier. */
function candidateOffsets(text: string, heads: ReadonlySet<string>): number[] {
  const alternatives = [...heads].map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const pattern = new RegExp(`(?<![\\w.])(?:${alternatives})\\b`, 'g');
  const out: number[] = [];
  for (const match of text.matchAll(pattern)) out.push(match.index);
  return out;
}

/** True when the identifier at `from` is the first segment of a root or a handle (checked without slicing). */
function startsWithHead(text: string, from: number, heads: ReadonlySet<string>, handles: ReadonlyMap<string, Handle>): boolean {
  const isEnd = (at: number): boolean => !/[\w]/.test(text.charAt(at));
  for (const head of heads) if (text.startsWith(head, from) && isEnd(from + head.length)) return true;
  for (const head of handles.keys()) if (text.startsWith(head, from) && isEnd(from + head.length)) return true;
  return false;
}

/** The root (or handle) a name starts, climbing attributes for dotted roots such as `self.requests`. */
function rootAt(file: PythonTree, name: SyntaxNode, roots: ReadonlySet<string>, handles: ReadonlyMap<string, Handle>): { root: string; node: SyntaxNode } | undefined {
  let node = name;
  let dotted = textOf(file, name);
  for (let i = 0; i < 4; i++) {
    if (roots.has(dotted) || handles.has(dotted)) return { root: dotted, node };
    const parent = node.parent;
    const property = parent?.lastChild;
    if (parent?.name !== 'MemberExpression' || parent.firstChild?.from !== node.from || property?.name !== 'PropertyName') return undefined;
    dotted = `${dotted}.${textOf(file, property)}`;
    node = parent;
  }
  return undefined;
}

/** An assignment target, import, parameter or definition name: not a use. */
function isBindingSite(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (['ImportStatement', 'ParamList', 'FunctionDefinition', 'ClassDefinition', 'Decorator'].includes(parent.name)) return parent.name !== 'Decorator';
  if (parent.name === 'AssignStatement') {
    const op = childrenOf(parent).find((c) => c.name === 'AssignOp');
    return op !== undefined && node.to <= op.from;
  }
  return false;
}

function chainFrom(file: PythonTree, start: SyntaxNode): { members: MemberFact[]; outer: SyntaxNode } {
  const members: MemberFact[] = [];
  let current = start;
  for (let parent = current.parent; parent; parent = current.parent) {
    if (parent.name === 'MemberExpression' && parent.firstChild?.from === current.from && parent.firstChild.to === current.to) {
      const property = parent.lastChild;
      const kids = property?.name === 'PropertyName' ? [] : childrenOf(parent);
      const key = kids[1]?.name === '[' ? kids[2] : undefined;
      const literal = key ? stringValue(file, key) : undefined;
      if (property?.name === 'PropertyName') members.push({ name: textOf(file, property), range: rangeOf(file, property) });
      else if (key && literal?.quote !== undefined) members.push({ name: literal.value, range: rangeOf(file, key), quote: literal.quote });
      else break;
    } else if (parent.name === 'CallExpression' && parent.firstChild?.from === current.from && members.length > 0) {
      const last = members.pop();
      if (!last) break;
      members.push({ ...last, args: argFacts(file, parent.lastChild, last.name) });
    } else {
      break;
    }
    current = parent;
  }
  return { members, outer: current };
}

/** A call's arguments as facts; keyword label values become one object-like argument where labels go. */
function argFacts(file: PythonTree, argList: SyntaxNode | null, method: string): ArgFact[] {
  const args = argsOf(file, argList);
  const positional = args.filter((a) => a.name === undefined && !a.isSpread).map((a) => argFact(file, a.value));
  // `**kwargs` counts as label keywords whose names are unknown (an undefined key).
  const keywords = args.filter((a) => a.name !== undefined || (a.isSpread && isDoubleStar(file, a)));
  const labelKeywords = method === 'labels' ? keywords : keywords.filter((k) => k.name === undefined || !VALUE_KEYWORDS.has(k.name));
  if (labelKeywords.length === 0 || !argList) return positional;
  const keysArg: ArgFact = { range: rangeOf(file, argList), objectKeys: labelKeywords.map((k) => k.name), isSimple: false, isString: false };
  if (method === 'labels') return [keysArg];
  const index = LABEL_INDEX.get(method);
  return index !== undefined && positional.length === index ? [...positional, keysArg] : positional;
}

function isDoubleStar(file: PythonTree, arg: PyArg): boolean {
  return file.text.slice(Math.max(0, arg.value.from - 2), arg.value.from) === '**';
}

function argFact(file: PythonTree, node: SyntaxNode): ArgFact {
  const number = numberValue(file, node);
  const objectKeys = node.name === 'DictionaryExpression' ? dictKeys(file, node) : undefined;
  return {
    range: rangeOf(file, node),
    ...(number !== undefined ? { number } : {}),
    isSimple: ['VariableName', 'MemberExpression', 'CallExpression', 'Number', 'String'].includes(node.name),
    ...(objectKeys ? { objectKeys } : {}),
    isString: node.name === 'String' || node.name === 'FormatString' || node.name === 'ContinuedString',
  };
}

/** The keys of a dict literal; undefined entries are not constant strings (or `**spread`). */
function dictKeys(file: PythonTree, dict: SyntaxNode): (string | undefined)[] {
  const kids = childrenOf(dict);
  const keys: (string | undefined)[] = [];
  kids.forEach((kid, i) => {
    if (kid.name === ':') keys.push(kids[i - 1] ? stringValue(file, kids[i - 1] as SyntaxNode)?.value : undefined); // i ≥ 1 for a ':'
    else if (kid.name === '**') keys.push(undefined);
  });
  return keys;
}

const DIRECTIVE = /^#[ \t]*statscope-disable-(next-line|line)\b(.*)$/;

/** `# statscope-disable-next-line rule-a` and `# statscope-disable-line rule-a` comments. */
function disableDirectives(file: PythonTree, comments: readonly SyntaxNode[]): DisableDirective[] {
  const out: DisableDirective[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(textOf(file, comment));
    if (!match) continue;
    const line = rangeOf(file, comment).start.line;
    const ids = parseRuleList(match[2] ?? '');
    out.push({ line: match[1] === 'next-line' ? line + 1 : line, rules: ids.length > 0 ? ids : undefined });
  }
  return out;
}
