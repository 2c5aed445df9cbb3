/** The settings shape shared by the client (which reads VS Code settings) and the server. */

export type RuleSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** Every severity a rule can be set to, in increasing order. */
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'hint', 'info', 'warning', 'error'];

/**
 * Metric naming style the rules enforce: `per-api` judges each declaration by its own API's conventions
 * (Prometheus for statscope and prom-client, OpenTelemetry for OTel instruments); the others force one style.
 */
export type NamingStyle = 'per-api' | 'prometheus' | 'otel';

/** Every naming style, for validation. */
export const NAMING_STYLES: readonly NamingStyle[] = ['per-api', 'prometheus', 'otel'];

/** The `statscope.lint.namingStyle` setting: a style, or `inherit` to use `statscope.config.json` (else per API). */
export type NamingStyleSetting = NamingStyle | 'inherit';

/** The `statscope.lint.*` settings. */
export interface LintSettings {
  readonly enable: boolean;
  readonly namingStyle: NamingStyleSetting;
  /** Per-rule severity overrides, keyed by rule id. They win over `statscope.config.json`. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

/** The `statscope` settings section the server reads. */
export interface StatscopeSettings {
  readonly lint: LintSettings;
}

/** Settings when the client sends none. */
export const DEFAULT_SETTINGS: StatscopeSettings = {
  lint: { enable: true, namingStyle: 'inherit', rules: {} },
};

/** The name of the project configuration file, looked up at the workspace root (the CLI: from the current directory up). */
export { CONFIG_FILE_NAME } from '../runtime/src/conventions/contracts';

/**
 * A rule entry in `statscope.config.json`: a severity, or `[severity, options]` as in ESLint.
 * Example: `"no-raw-metrics-client": ["warning", { "allowFiles": ["src/legacy/**"] }]`.
 */
export type RuleConfigEntry = RuleSeverity | readonly [RuleSeverity, Readonly<Record<string, unknown>>];

/** The `lint` section of `statscope.config.json` (the runtime reads other sections of the same file). */
export interface LintConfigSection {
  readonly rules?: Readonly<Record<string, RuleConfigEntry>>;
  readonly namingStyle?: NamingStyle;
  /** Globs (relative to the config file) of files never linted. */
  readonly ignore?: readonly string[];
}
