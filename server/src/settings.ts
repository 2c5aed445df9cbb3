import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import type { NamingStyle, RuleSeverity, StatscopeSettings } from '../../protocol/settings';

const SEVERITIES: readonly RuleSeverity[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Reads the `statscope` section from the client; falls back to defaults for anything malformed. */
export async function readSettings(connection: Connection): Promise<StatscopeSettings> {
  try {
    const raw: unknown = await connection.workspace.getConfiguration('statscope');
    return parseSettings(raw);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Validates an untrusted settings object. */
export function parseSettings(raw: unknown): StatscopeSettings {
  const lint = isRecord(raw) && isRecord(raw['lint']) ? raw['lint'] : {};
  const style: NamingStyle = lint['namingStyle'] === 'otel' ? 'otel' : 'prometheus';
  const rules: Record<string, RuleSeverity> = {};
  if (isRecord(lint['rules'])) {
    for (const [id, value] of Object.entries(lint['rules'])) {
      if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) rules[id] = value as RuleSeverity; // checked by includes
    }
  }
  return { lint: { enable: lint['enable'] !== false, namingStyle: style, rules } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { DEFAULT_SETTINGS };
