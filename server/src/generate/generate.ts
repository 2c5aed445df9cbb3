/**
 * The generators behind `statscope generate <what>` and the editor's *Generate…* command: each reads the
 * declared components of the workspace index and returns one file's text.
 */
import type { FileFacts } from '../engine/facts';
import { collectorConfigYaml } from './collector-config';
import { declaredComponents } from './declared-components';
import { grafanaDashboard } from './grafana-dashboard';
import { prometheusRulesYaml } from './prometheus-rules';

/** What can be generated. */
export const GENERATORS = ['grafana', 'prometheus-rules', 'collector'] as const;
export type GeneratorName = (typeof GENERATORS)[number];

/** One generated file. */
export interface GeneratedFile {
  /** Suggested path, relative to the output folder (`grafana/statscope.json`). */
  readonly fileName: string;
  readonly text: string;
  /** How many components it covers. */
  readonly components: number;
  /** Declarations left out or defaulted, with their file and line. */
  readonly warnings: readonly string[];
}

const FILE_NAMES: Readonly<Record<GeneratorName, string>> = {
  grafana: 'grafana/statscope.json',
  'prometheus-rules': 'prometheus/statscope-rules.yaml',
  collector: 'otelcol/config.yaml',
};

/** True for a generator's name. */
export function isGeneratorName(value: unknown): value is GeneratorName {
  return typeof value === 'string' && (GENERATORS as readonly string[]).includes(value);
}

/** Generates one file from the indexed files' facts. */
export function generate(what: GeneratorName, files: Iterable<FileFacts>): GeneratedFile {
  const { components, warnings } = declaredComponents(files);
  const text =
    what === 'grafana'
      ? `${JSON.stringify(grafanaDashboard(components), undefined, 2)}\n`
      : what === 'prometheus-rules'
        ? prometheusRulesYaml(components)
        : collectorConfigYaml(components);
  return { fileName: FILE_NAMES[what], text, components: components.length, warnings };
}
