/**
 * The process-wide configuration, loaded once on first use. It lives under a versioned `Symbol.for`
 * key so that a preloaded copy of the runtime and an imported copy share one config, and each
 * warning is printed once per process (to stderr, in the configured log format).
 */
import { formatRecord } from '../log/format';
import { loadConfig } from './load';
import type { ConfigResult, ConfigWarning, StatscopeConfig, TracingMode } from './types';

const KEY = Symbol.for('statscope.config.v1');

interface SharedConfig {
  result: ConfigResult | undefined;
  readonly printed: Set<string>;
}

function shared(): SharedConfig {
  // Cast: the process-wide slot is a symbol-keyed property of globalThis.
  const g = globalThis as { [KEY]?: SharedConfig };
  let s = g[KEY];
  if (s === undefined) {
    s = { result: undefined, printed: new Set() };
    g[KEY] = s;
  }
  return s;
}

/** The process configuration: the installed one, or the environment and file read now (library defaults). */
export function currentConfig(): StatscopeConfig {
  const s = shared();
  if (s.result === undefined) installConfig(loadConfig());
  // installConfig always sets result; the fallback only satisfies the type checker.
  return (s.result ?? loadConfig()).config;
}

/** Loads the config with the given default mode and installs it for the process (the preload uses `sdk`). */
export function loadAndInstallConfig(defaultMode: TracingMode): StatscopeConfig {
  const result = loadConfig({ defaultMode });
  installConfig(result);
  return result.config;
}

/** Makes `result` the process configuration and prints its new warnings once. */
export function installConfig(result: ConfigResult): void {
  const s = shared();
  s.result = result;
  printWarnings(result.warnings, result.config, s.printed);
}

function printWarnings(warnings: readonly ConfigWarning[], config: StatscopeConfig, printed: Set<string>): void {
  if (config.logLevel === 'silent' || config.logLevel === 'error' || config.logLevel === 'fatal') return;
  for (const w of warnings) {
    if (printed.has(w.message)) continue;
    printed.add(w.message);
    const line = formatRecord({ time: Date.now(), level: 'warn', message: w.message, service: config.serviceName, name: 'statscope', attributes: { variable: w.variable } }, config.logFormat);
    try {
      process.stderr.write(`${line}\n`);
    } catch {
      // stderr closed: nowhere to report.
    }
  }
}
