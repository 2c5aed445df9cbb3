/**
 * The workspace index: every file's facts, the import graph between them, and the declarations by
 * exposed name. Pure data: callers feed it facts; it never reads files.
 */
import { posix } from 'node:path';
import { exposedNameOf } from './exposed';
import { DEFAULT_STRUCT_LOCAL } from './extract-facts';
import { declarationsOf } from './facts';
import type { FileFacts, MetricDecl, MetricUse, StructDecl } from './facts';
import { isStatscopeModule } from './provenance';
import { resolveModule } from './resolve-module';
import type { DeclarationSite, ResolvedBinding, ResolvedUse, WorkspaceView } from './workspace-view';
import { resolveWrappers, wrappedDeclarations } from './wrapper-table';
import type { WrapperTable } from './wrapper-table';

const MAX_DEPTH = 12;

/** The facts of every workspace file, with import resolution and reverse lookups. */
export class WorkspaceIndex implements WorkspaceView {
  private readonly files = new Map<string, FileFacts>();
  private readonly byExposedName = new Map<string, Set<string>>();
  /** target file → files importing it; rebuilt lazily after files come or go. */
  private importers = new Map<string, Set<string>>();
  private isGraphStale = true;
  private readonly bindingCache = new Map<string, ResolvedBinding | null>();
  /** Meter receivers the type checker confirmed, per file (see `confirmMeters`). */
  private readonly typedMeters = new Map<string, ReadonlySet<number>>();
  /** The workspace's metric wrappers; rebuilt lazily after a file that defines some changes. */
  private wrappers: WrapperTable | undefined;
  /** How many files import statscope; recounted lazily after files change. */
  private statscopeImporters: number | undefined;

  /** @param root Workspace root, for display names in messages. */
  constructor(private readonly root = '') {}

  get size(): number {
    return this.files.size;
  }

  fileNames(): IterableIterator<string> {
    return this.files.keys();
  }

  /** Adds or replaces a file's facts. */
  set(facts: FileFacts): void {
    const previous = this.files.get(facts.fileName);
    if (previous) this.unindexNames(previous);
    this.files.set(facts.fileName, facts);
    if (!samePendingReceivers(previous, facts)) this.typedMeters.delete(facts.fileName);
    this.indexNames(facts);
    this.bindingCache.clear();
    if (this.statscopeImporters !== undefined) this.statscopeImporters += importsStatscope(facts) - importsStatscope(previous);
    if (definesWrappers(previous) || definesWrappers(facts)) this.wrappers = undefined;
    if (!previous || !sameSpecifiers(previous, facts)) this.isGraphStale = true;
  }

  delete(fileName: string): void {
    const previous = this.files.get(fileName);
    if (!previous) return;
    this.unindexNames(previous);
    this.files.delete(fileName);
    this.bindingCache.clear();
    if (this.statscopeImporters !== undefined) this.statscopeImporters -= importsStatscope(previous);
    if (definesWrappers(previous)) this.wrappers = undefined;
    this.isGraphStale = true;
  }

  facts(fileName: string): FileFacts | undefined {
    return this.files.get(fileName);
  }

  wrappedDeclarations(fileName: string): readonly MetricDecl[] {
    const facts = this.files.get(fileName);
    if (!facts) return [];
    const out: MetricDecl[] = [];
    const typed = this.typedMeters.get(fileName);
    for (const call of facts.pendingInstrumentCalls ?? []) {
      const isMeter = call.receiver !== undefined ? this.importedKind(fileName, call.receiver) === 'meter' : typed?.has(call.receiverStart) === true;
      if (isMeter) out.push({ ...call.decl, isOnImportedMeter: true });
    }
    if (facts.wrapperCalls) {
      this.wrappers ??= resolveWrappers(this.files.values());
      out.push(...wrappedDeclarations(facts, this.wrappers));
    }
    return out;
  }

  /** What an imported binding holds when its file exports a meter or tracer under that name. */
  private importedKind(fileName: string, local: string): 'meter' | 'tracer' | undefined {
    const facts = this.files.get(fileName);
    const i = facts?.imports.find((x) => x.local === local);
    const target = i && this.resolveModule(fileName, i.from);
    const exported = target === undefined ? undefined : this.files.get(target)?.telemetryExports?.find((e) => e.name === i?.imported);
    return exported?.kind;
  }

  /** Every indexed file's facts. */
  allFacts(): IterableIterator<FileFacts> {
    return this.files.values();
  }

  /**
   * Records, for a file, the receivers (by start offset) of pending instrument calls that the type checker
   * found to be OpenTelemetry meters. Cleared when the file changes.
   */
  confirmMeters(fileName: string, receiverStarts: ReadonlySet<number>): void {
    this.typedMeters.set(fileName, receiverStarts);
  }

  /** Set by whoever reads the workspace's package.json: the project declares a statscope dependency. */
  dependsOnStatscope = false;

  usesStatscope(): boolean {
    if (this.dependsOnStatscope) return true;
    if (this.statscopeImporters === undefined) {
      let count = 0;
      for (const facts of this.files.values()) count += importsStatscope(facts);
      this.statscopeImporters = count;
    }
    return this.statscopeImporters > 0;
  }

  displayName(fileName: string): string {
    if (this.root && fileName.startsWith(`${this.root}/`)) return fileName.slice(this.root.length + 1);
    return posix.basename(fileName);
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    return resolveModule(fromFile, specifier, (f) => this.files.has(f));
  }

  resolveBinding(fileName: string, name: string): ResolvedBinding | undefined {
    return this.resolveName(fileName, name, 0);
  }

  resolveUse(fileName: string, use: MetricUse): ResolvedUse | undefined {
    let target = this.resolveName(fileName, use.receiver, 0);
    let offset = 0;
    while (target?.kind === 'namespace') {
      const member = use.members[offset];
      if (!member) return undefined;
      target = this.resolveExport(target.fileName, member.name, 0);
      offset++;
    }
    if (!target) return undefined;
    return { fileName, use, target, members: use.members.slice(offset), offset };
  }

  usesOfStruct(fileName: string, struct: StructDecl): { uses: ResolvedUse[]; isEscaped: boolean } {
    const uses: ResolvedUse[] = [];
    let isEscaped = false;
    const isThis = (t: ResolvedBinding | undefined): boolean => t?.kind === 'struct' && t.fileName === fileName && t.struct.local === struct.local;
    for (const candidate of [fileName, ...this.transitiveImporters(fileName)]) {
      const facts = this.files.get(candidate);
      if (!facts) continue;
      for (const use of facts.uses) {
        const resolved = this.resolveUse(candidate, use);
        if (resolved && isThis(resolved.target)) uses.push(resolved);
      }
      for (const name of facts.escapes) {
        const target = this.resolveName(candidate, name, 0);
        if (isThis(target) || (target?.kind === 'namespace' && target.fileName === fileName)) isEscaped = true;
      }
    }
    return { uses, isEscaped };
  }

  usesOfRaw(fileName: string, metric: MetricDecl): ResolvedUse[] {
    const uses: ResolvedUse[] = [];
    for (const candidate of [fileName, ...this.transitiveImporters(fileName)]) {
      for (const use of this.files.get(candidate)?.uses ?? []) {
        const resolved = this.resolveUse(candidate, use);
        if (resolved?.target.kind === 'raw' && resolved.target.fileName === fileName && resolved.target.metric.local === metric.local) uses.push(resolved);
      }
    }
    return uses;
  }

  declarationsExposedAs(exposedName: string): DeclarationSite[] {
    const sites: DeclarationSite[] = [];
    for (const fileName of this.byExposedName.get(exposedName) ?? []) {
      const facts = this.files.get(fileName);
      if (!facts) continue;
      for (const decl of declarationsOf(facts)) if (exposedNameOf(decl) === exposedName) sites.push({ fileName, decl });
    }
    return sites;
  }

  resolveConstant(fileName: string, ref: string): string | undefined {
    const [head, tail] = ref.split('.', 2) as [string, string | undefined];
    const facts = this.files.get(fileName);
    const i = facts?.imports.find((x) => x.local === head);
    if (!i) return undefined;
    const target = this.resolveModule(fileName, i.from);
    if (!target) return undefined;
    const name = i.imported === '*' ? tail : tail === undefined ? i.imported : undefined;
    return name === undefined ? undefined : this.exportedConstant(target, name, 0);
  }

  /** Files that import `fileName`, directly or through other importers. */
  transitiveImporters(fileName: string): string[] {
    const graph = this.graph();
    const seen = new Set<string>([fileName]);
    const queue = [fileName];
    const out: string[] = [];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const importer of graph.get(next) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        out.push(importer);
        queue.push(importer);
      }
    }
    return out;
  }

  /** Files `fileName` imports from (resolved). */
  importsOf(fileName: string): string[] {
    const facts = this.files.get(fileName);
    if (!facts) return [];
    return specifiersOf(facts)
      .map((s) => this.resolveModule(fileName, s))
      .filter((f): f is string => f !== undefined);
  }

  private exportedConstant(fileName: string, name: string, depth: number): string | undefined {
    const facts = this.files.get(fileName);
    if (!facts || depth > MAX_DEPTH) return undefined;
    const direct = facts.constants[name];
    if (direct !== undefined) return direct;
    const re = facts.reExports.find((r) => r.exported === name && r.imported !== '*');
    const target = re ? this.resolveModule(fileName, re.from) : undefined;
    return re && target ? this.exportedConstant(target, re.imported, depth + 1) : undefined;
  }

  private resolveName(fileName: string, name: string, depth: number): ResolvedBinding | undefined {
    const key = `${fileName}\u0000${name}`;
    const cached = this.bindingCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const result = depth > MAX_DEPTH ? undefined : this.resolveNameUncached(fileName, name, depth);
    this.bindingCache.set(key, result ?? null);
    return result;
  }

  private resolveNameUncached(fileName: string, name: string, depth: number): ResolvedBinding | undefined {
    const facts = this.files.get(fileName);
    if (!facts) return undefined;
    const struct = facts.structs.find((s) => s.local === name);
    if (struct) return { kind: 'struct', fileName, struct };
    const metric = facts.rawMetrics.find((m) => m.local === name);
    if (metric) return { kind: 'raw', fileName, metric };
    const i = facts.imports.find((x) => x.local === name);
    const target = i ? this.resolveModule(fileName, i.from) : undefined;
    if (!i || !target) return undefined;
    if (i.imported === '*') return this.resolveExport(target, '=', depth + 1) ?? { kind: 'namespace', fileName: target };
    return this.resolveExport(target, i.imported, depth + 1) ?? (i.imported === 'default' ? this.resolveExport(target, '=', depth + 1) : undefined);
  }

  private resolveExport(fileName: string, exported: string, depth: number): ResolvedBinding | undefined {
    const facts = this.files.get(fileName);
    if (!facts || depth > MAX_DEPTH) return undefined;
    const e = facts.exports.find((x) => x.exported === exported);
    if (e) return this.resolveName(fileName, e.local, depth + 1);
    if (exported === 'default' && facts.structs.some((s) => s.local === DEFAULT_STRUCT_LOCAL)) return this.resolveName(fileName, DEFAULT_STRUCT_LOCAL, depth + 1);
    const re = facts.reExports.find((r) => r.exported === exported);
    if (re) {
      const target = this.resolveModule(fileName, re.from);
      if (!target) return undefined;
      return re.imported === '*' ? { kind: 'namespace', fileName: target } : this.resolveExport(target, re.imported, depth + 1);
    }
    if (exported === 'default' || exported === '=') return undefined;
    for (const from of facts.starExports) {
      const target = this.resolveModule(fileName, from);
      const found = target ? this.resolveExport(target, exported, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private graph(): Map<string, Set<string>> {
    if (!this.isGraphStale) return this.importers;
    const importers = new Map<string, Set<string>>();
    for (const fileName of this.files.keys()) {
      for (const target of this.importsOf(fileName)) {
        let set = importers.get(target);
        if (!set) importers.set(target, (set = new Set()));
        set.add(fileName);
      }
    }
    this.importers = importers;
    this.isGraphStale = false;
    return importers;
  }

  private indexNames(facts: FileFacts): void {
    for (const decl of declarationsOf(facts)) {
      const name = exposedNameOf(decl);
      if (name === undefined) continue;
      let set = this.byExposedName.get(name);
      if (!set) this.byExposedName.set(name, (set = new Set()));
      set.add(facts.fileName);
    }
  }

  private unindexNames(facts: FileFacts): void {
    for (const decl of declarationsOf(facts)) {
      const name = exposedNameOf(decl);
      const set = name === undefined ? undefined : this.byExposedName.get(name);
      set?.delete(facts.fileName);
      if (set?.size === 0 && name !== undefined) this.byExposedName.delete(name);
    }
  }
}

function specifiersOf(facts: FileFacts): string[] {
  return [...facts.imports.map((i) => i.from), ...facts.reExports.map((r) => r.from), ...facts.starExports];
}

function sameSpecifiers(a: FileFacts, b: FileFacts): boolean {
  const x = specifiersOf(a);
  const y = specifiersOf(b);
  return x.length === y.length && x.every((s, i) => s === y[i]);
}

function definesWrappers(facts: FileFacts | undefined): boolean {
  return facts !== undefined && (facts.wrappers !== undefined || facts.metricClasses !== undefined);
}

/** 1 when the file imports statscope, else 0: the index keeps a running count across edits. */
function importsStatscope(facts: FileFacts | undefined): number {
  return facts !== undefined && facts.imports.some((i) => isStatscopeModule(i.from)) ? 1 : 0;
}

/** True when a file's undecided instrument receivers sit where they were: the type checker's answers still hold. */
function samePendingReceivers(previous: FileFacts | undefined, facts: FileFacts): boolean {
  const a = previous?.pendingInstrumentCalls ?? [];
  const b = facts.pendingInstrumentCalls ?? [];
  return a.length === b.length && a.every((c, i) => c.receiverStart === b[i]?.receiverStart && c.receiverEnd === b[i]?.receiverEnd);
}
