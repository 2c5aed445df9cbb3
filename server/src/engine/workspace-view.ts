/** The read-only view of the workspace index that facts rules and editor features use. */
import type { FileFacts, MemberFact, MetricDecl, MetricUse, StructDecl } from './facts';

/** A binding resolved to what it declares. */
export type ResolvedBinding =
  | { readonly kind: 'struct'; readonly fileName: string; readonly struct: StructDecl }
  | { readonly kind: 'raw'; readonly fileName: string; readonly metric: MetricDecl }
  | { readonly kind: 'namespace'; readonly fileName: string };

/** A use whose root resolved to a struct or raw metric. */
export interface ResolvedUse {
  readonly fileName: string;
  readonly use: MetricUse;
  readonly target: Exclude<ResolvedBinding, { kind: 'namespace' }>;
  /** The members after the binding (namespace members consumed): `[key, ...calls]` for a struct. */
  readonly members: readonly MemberFact[];
  /** Index in `use.members` where `members` starts. */
  readonly offset: number;
}

/** A declaration anywhere in the workspace. */
export interface DeclarationSite {
  readonly fileName: string;
  readonly decl: MetricDecl;
}

/** What rules and editor features may ask the index. */
export interface WorkspaceView {
  /** The facts of an indexed file. */
  facts(fileName: string): FileFacts | undefined;
  /** Resolves a local binding of a file (declared there or imported) to a struct, raw metric or namespace. */
  resolveBinding(fileName: string, name: string): ResolvedBinding | undefined;
  /** Resolves the root of a use (following namespace imports). */
  resolveUse(fileName: string, use: MetricUse): ResolvedUse | undefined;
  /** Every use of a struct in the workspace, and whether it escapes where uses cannot be seen. */
  usesOfStruct(fileName: string, struct: StructDecl): { readonly uses: readonly ResolvedUse[]; readonly isEscaped: boolean };
  /** Every use of a raw metric (prom-client/OTel variable) in the workspace. */
  usesOfRaw(fileName: string, metric: MetricDecl): readonly ResolvedUse[];
  /** Declarations exposed under this name. */
  declarationsExposedAs(exposedName: string): readonly DeclarationSite[];
  /** The value of a string constant a file refers to by name (`PREFIX` or `ns.PREFIX`), across imports. */
  resolveConstant(fileName: string, ref: string): string | undefined;
  /**
   * True when the workspace adopts the statscope runtime: some file imports `statscope` (or the root
   * package.json depends on it). Adoption-policy rules apply only then, unless configured explicitly.
   */
  usesStatscope(): boolean;
  /**
   * Metric declarations a file makes through other files: by calling a project wrapper (a function whose
   * parameter reaches a metric constructor or factory), at the caller's name or options argument, and on a
   * meter imported from another file (`import { meter } from './telemetry'`).
   */
  wrappedDeclarations(fileName: string): readonly MetricDecl[];
  /** A short, stable name for messages: the path relative to the workspace root. */
  displayName(fileName: string): string;
}
