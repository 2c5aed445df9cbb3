/**
 * The lint settings contributed to VS Code's package.json, generated from the rules so the severity
 * setting lists exactly the rules that exist. `scripts/gen-manifest.mjs` writes it; a meta-test checks it.
 */
import { RULE_SEVERITIES } from '../../protocol/settings';
import type { RuleModule } from './engine/types';

/** A JSON schema fragment as it appears in package.json. */
export type JsonSchema = { readonly [key: string]: unknown };

/** The generated `contributes.configuration.properties` entries, keyed by setting name. */
export function lintSettingsSchema(rules: readonly RuleModule[]): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {};
  for (const rule of rules) {
    properties[rule.meta.id] = {
      type: 'string',
      enum: [...RULE_SEVERITIES],
      markdownDescription: `${rule.meta.description} Default: \`${rule.meta.defaultSeverity}\`. [Docs](${rule.meta.docsUrl})`,
    };
  }
  return {
    'statscope.lint.namingStyle': {
      type: 'string',
      enum: ['inherit', 'per-api', 'prometheus', 'otel'],
      enumDescriptions: [
        'Use `lint.namingStyle` from statscope.config.json, else per API.',
        'Each API by its own conventions: Prometheus names for statscope and prom-client, OpenTelemetry names for OTel instruments.',
        'Prometheus names: lower snake_case, counters end in _total.',
        'OpenTelemetry names: dotted lower case; counters do not end in _total.',
      ],
      default: 'inherit',
      markdownDescription: 'Naming convention the metric naming rules enforce.',
    },
    'statscope.lint.rules': {
      type: 'object',
      default: {},
      additionalProperties: false,
      markdownDescription: 'Severity per lint rule (`off`, `hint`, `info`, `warning`, `error`). Overrides `lint.rules` in statscope.config.json.',
      properties,
    },
  };
}
