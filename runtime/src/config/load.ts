/**
 * The I/O half of configuration: reads `statscope.config.json` from the working directory and the
 * process environment, then hands both to the pure `parseConfig`. Never throws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from './parse';
import type { ConfigResult, TracingMode } from './types';
import { CONFIG_FILE_NAME } from './variables';

/** Options for `loadConfig`; the defaults read the real process. */
export interface LoadConfigOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly defaultMode?: TracingMode;
}

/** Reads the environment and the optional config file and returns the validated config with its warnings. */
export function loadConfig(options: LoadConfigOptions = {}): ConfigResult {
  const cwd = options.cwd ?? safeCwd();
  const fileText = cwd === undefined ? undefined : tryReadFile(join(cwd, CONFIG_FILE_NAME));
  return parseConfig({
    env: options.env ?? process.env,
    fileText,
    fileName: CONFIG_FILE_NAME,
    ...(options.defaultMode === undefined ? {} : { defaultMode: options.defaultMode }),
  });
}

function tryReadFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function safeCwd(): string | undefined {
  try {
    return process.cwd();
  } catch {
    // The working directory was deleted under the process.
    return undefined;
  }
}
