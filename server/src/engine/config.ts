/**
 * Lint configuration: the `lint` section of `statscope.config.json`, merged with editor settings.
 * Pure: callers read the file.
 */
import { NAMING_STYLES, RULE_SEVERITIES } from '../../../protocol/settings';
import type { LintSettings, NamingStyle, RuleSeverity } from '../../../protocol/settings';
import type { LintConfig } from './lint-session';
import { isRecord, optionProblems } from './rule-options';
import type { RuleModule } from './types';

/** What a config file says about linting. */
export interface FileLintConfig {
  readonly severities: Readonly<Record<string, RuleSeverity>>;
  readonly ruleOptions: Readonly<Record<string, unknown>>;
  readonly namingStyle?: NamingStyle;
  readonly ignore: readonly string[];
}

/** A parsed config file and the problems found in it. */
export interface ParsedConfigFile {
  readonly config: FileLintConfig;
  /** Problems worth telling the user; the valid parts still apply. */
  readonly problems: readonly string[];
}

/** The configuration when there is no config file. */
export const EMPTY_FILE_CONFIG: FileLintConfig = { severities: {}, ruleOptions: {}, ignore: [] };

/** Parses `statscope.config.json` text; unknown rules, bad severities and bad options become problems. */
export function parseConfigFile(text: string, rules: readonly RuleModule[]): ParsedConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { config: EMPTY_FILE_CONFIG, problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (!isRecord(raw)) return { config: EMPTY_FILE_CONFIG, problems: ['the file must hold a JSON object'] };
  const lint = raw['lint'];
  if (lint === undefined) return { config: EMPTY_FILE_CONFIG, problems: [] };
  if (!isRecord(lint)) return { config: EMPTY_FILE_CONFIG, problems: ['"lint" must be an object'] };
  const problems: string[] = [];
  const rawStyle = lint['namingStyle'];
  const namingStyle = (NAMING_STYLES as readonly unknown[]).includes(rawStyle) ? (rawStyle as NamingStyle) : undefined; // checked just now
  if (rawStyle !== undefined && namingStyle === undefined) problems.push(`"lint.namingStyle" must be one of ${NAMING_STYLES.map((s) => `"${s}"`).join(', ')}`);
  const ignore = Array.isArray(lint['ignore']) ? lint['ignore'].filter((g): g is string => typeof g === 'string') : [];
  if (lint['ignore'] !== undefined && !Array.isArray(lint['ignore'])) problems.push('"lint.ignore" must be an array of globs');
  const { severities, ruleOptions } = parseRules(lint['rules'], rules, problems);
  return { config: { severities, ruleOptions, ignore, ...(namingStyle ? { namingStyle } : {}) }, problems };
}

function parseRules(raw: unknown, rules: readonly RuleModule[], problems: string[]): Pick<FileLintConfig, 'severities' | 'ruleOptions'> {
  const severities: Record<string, RuleSeverity> = {};
  const ruleOptions: Record<string, unknown> = {};
  if (raw === undefined) return { severities, ruleOptions };
  if (!isRecord(raw)) {
    problems.push('"lint.rules" must be an object');
    return { severities, ruleOptions };
  }
  for (const [id, entry] of Object.entries(raw)) {
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) {
      problems.push(`unknown rule "${id}"`);
      continue;
    }
    const [severity, options] = Array.isArray(entry) ? [entry[0] as unknown, entry[1] as unknown] : [entry, undefined];
    if (!isSeverity(severity)) {
      problems.push(`rule "${id}": severity must be one of ${RULE_SEVERITIES.join(', ')}`);
      continue;
    }
    severities[id] = severity;
    if (options !== undefined) {
      for (const p of optionProblems(rule.meta, options)) problems.push(`rule "${id}": ${p}`);
      ruleOptions[id] = options;
    }
  }
  return { severities, ruleOptions };
}

/** Narrows to a rule severity. */
export function isSeverity(value: unknown): value is RuleSeverity {
  return typeof value === 'string' && (RULE_SEVERITIES as readonly string[]).includes(value);
}

/** The effective configuration: defaults, then the config file, then explicit editor settings. */
export function effectiveConfig(file: FileLintConfig, settings?: LintSettings): LintConfig {
  const namingStyle = settings && settings.namingStyle !== 'inherit' ? settings.namingStyle : (file.namingStyle ?? 'per-api');
  return {
    settings: { namingStyle },
    severities: { ...file.severities, ...(settings?.rules ?? {}) },
    ruleOptions: file.ruleOptions,
  };
}
