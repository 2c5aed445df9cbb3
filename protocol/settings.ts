/** The settings shape shared by the client (which reads VS Code settings) and the server. */

export type RuleSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** Metric naming style the rules enforce. */
export type NamingStyle = 'prometheus' | 'otel';

export interface LintSettings {
  readonly enable: boolean;
  readonly namingStyle: NamingStyle;
  /** Per-rule severity overrides, keyed by rule id. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

export interface StatscopeSettings {
  readonly lint: LintSettings;
}

export const DEFAULT_SETTINGS: StatscopeSettings = {
  lint: { enable: true, namingStyle: 'prometheus', rules: {} },
};
