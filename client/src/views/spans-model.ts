/**
 * The plain model behind the Spans view: runs → traces → spans. No `vscode` types, so it is
 * unit-tested in plain Node.
 */
export interface SpanNode {
  readonly kind: 'span';
  readonly spanId: string;
  readonly name: string;
  readonly durationMs: number;
  readonly isError: boolean;
  readonly children: readonly SpanNode[];
}

export interface TraceNode {
  readonly kind: 'trace';
  readonly traceId: string;
  readonly roots: readonly SpanNode[];
}

export interface RunNode {
  readonly kind: 'run';
  readonly id: string;
  readonly label: string;
  readonly traces: readonly TraceNode[];
}

export type SpansTreeNode = RunNode | TraceNode | SpanNode;

export class SpansModel {
  private runs: RunNode[] = [];
  private readonly listeners = new Set<() => void>();

  get roots(): readonly RunNode[] {
    return this.runs;
  }

  childrenOf(node: SpansTreeNode): readonly SpansTreeNode[] {
    switch (node.kind) {
      case 'run':
        return node.traces;
      case 'trace':
        return node.roots;
      case 'span':
        return node.children;
    }
  }

  addRun(run: RunNode): void {
    this.runs = [...this.runs, run];
    this.changed();
  }

  clear(): void {
    this.runs = [];
    this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
