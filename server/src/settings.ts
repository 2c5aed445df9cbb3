import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, NAMING_STYLES } from '../../protocol/settings';
import type { NamingStyle, NamingStyleSetting, RuleSeverity, StatscopeSettings } from '../../protocol/settings';
import { isSeverity } from './engine/config';
import { isRecord } from './engine/rule-options';

/** Reads the `statscope` section from the client; falls back to defaults for anything malformed. */
export async function readSettings(connection: Connection): Promise<StatscopeSettings> {
  try {
    const raw: unknown = await connection.workspace.getConfiguration('statscope');
    return parseSettings(raw);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Validates an untrusted settings object (the `statscope` section). */
export function parseSettings(raw: unknown): StatscopeSettings {
  const lint = isRecord(raw) && isRecord(raw['lint']) ? raw['lint'] : {};
  const style = lint['namingStyle'];
  const namingStyle: NamingStyleSetting = (NAMING_STYLES as readonly unknown[]).includes(style) ? (style as NamingStyle) : 'inherit'; // checked just now
  const rules: Record<string, RuleSeverity> = {};
  if (isRecord(lint['rules'])) {
    for (const [id, value] of Object.entries(lint['rules'])) if (isSeverity(value)) rules[id] = value;
  }
  return { lint: { enable: lint['enable'] !== false, namingStyle, rules } };
}

export { DEFAULT_SETTINGS };
