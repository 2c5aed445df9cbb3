/** Text for the run terminal (pure): line endings and the closing line. */
import { plural } from '../../../runs/tree/format';

/** A pseudoterminal needs CRLF; program output usually has LF only. */
export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** How a run ended, as shown in its terminal. */
export interface ExitSummary {
  readonly exitCode: number;
  readonly signal: string | null;
  /** Why the program could not start. */
  readonly error: string | undefined;
  readonly spanCount: number;
  readonly errorSpanCount: number;
  readonly durationMs: number;
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const RESET = '\x1b[0m';

/** The coloured line written when the program ended. */
export function exitLine(summary: ExitSummary): string {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const spans = `${plural(summary.spanCount, 'span')}${summary.errorSpanCount > 0 ? `, ${summary.errorSpanCount} with errors` : ''}`;
  if (summary.error !== undefined) return `${RED}The program could not start: ${summary.error}${RESET}`;
  const how = summary.signal !== null ? `was stopped (${summary.signal}, exit code ${summary.exitCode})` : `exited with code ${summary.exitCode}`;
  const colour = summary.exitCode === 0 ? GREEN : RED;
  return `${colour}The program ${how}${RESET} ${DIM}after ${seconds} s · ${spans}${RESET}`;
}

/** The dim header line: what runs, and where. */
export function headerLine(commandLine: string, cwd: string): string {
  return `${DIM}Statscope: ${commandLine}  (in ${cwd})${RESET}`;
}
