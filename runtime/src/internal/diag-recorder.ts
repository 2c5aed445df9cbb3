/**
 * A diag logger that records messages in memory, for tests that assert on diagnostics.
 */
import { disableDiag, setDiagLogger } from './diag';
import type { DiagLevel } from './diag';

/** Recorded messages as `level: text`, plus a way to stop recording (diag goes back to silent). */
export interface DiagRecording {
  readonly messages: string[];
  stop(): void;
}

/** Starts recording diag messages at `level` and above. */
export function recordDiag(level: DiagLevel = 'debug'): DiagRecording {
  const messages: string[] = [];
  const record = (prefix: string) => (m: string): void => {
    messages.push(`${prefix}: ${m}`);
  };
  setDiagLogger({ error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') }, level);
  return { messages, stop: disableDiag };
}

/** Runs `run` while recording diag messages. */
export async function captureDiag<T>(run: () => T | Promise<T>, level: DiagLevel = 'debug'): Promise<{ result: T; messages: string[] }> {
  const recording = recordDiag(level);
  try {
    return { result: await run(), messages: recording.messages };
  } finally {
    recording.stop();
  }
}
