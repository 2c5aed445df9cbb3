import * as vscode from 'vscode';
import { toTerminalText } from './terminal-text';

/** Output written before the terminal opened is kept up to this many characters. */
const MAX_PENDING_CHARS = 1_000_000;

/**
 * The terminal that shows a traced program's stdout and stderr and how it ended. Ctrl+C (or
 * closing the terminal) while it runs stops the program; any key after the end closes it.
 */
export class RunTerminal implements vscode.Pseudoterminal, vscode.Disposable {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private pending: string[] | undefined = [];
  private pendingChars = 0;
  private hasEnded = false;
  private isClosed = false;
  readonly terminal: vscode.Terminal;

  constructor(
    name: string,
    private readonly onInterrupt: () => void,
  ) {
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon('pulse'), isTransient: true });
  }

  /** Whether the program ended (the terminal then stays until the user closes it). */
  get isEnded(): boolean {
    return this.hasEnded;
  }

  open(): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    for (const chunk of pending) this.writeEmitter.fire(chunk);
  }

  close(): void {
    this.isClosed = true;
    if (!this.hasEnded) this.onInterrupt();
  }

  handleInput(data: string): void {
    if (this.hasEnded) this.closeEmitter.fire();
    else if (data === '\x03') this.onInterrupt();
  }

  /** Program output (LF line endings are converted). */
  write(text: string): void {
    if (this.isClosed) return;
    const chunk = toTerminalText(text);
    if (this.pending === undefined) {
      this.writeEmitter.fire(chunk);
    } else if (this.pendingChars < MAX_PENDING_CHARS) {
      this.pending.push(chunk);
      this.pendingChars += chunk.length;
    }
  }

  writeLine(text: string): void {
    this.write(`${text}\n`);
  }

  /** Marks the end; `line` says how the program ended. */
  end(line: string): void {
    this.writeLine(`\n${line}`);
    this.writeLine('\x1b[2mPress any key to close this terminal.\x1b[0m');
    this.hasEnded = true;
  }

  dispose(): void {
    this.terminal.dispose();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
