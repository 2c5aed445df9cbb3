/**
 * The generators behind `statscope generate <what>` and the editor's *Generate…* command: each reads the
 * declared components of the workspace index and returns one file's text.
 */
import { GENERATOR_NAMES } from '../../../protocol/messages';
import type { GenerateResult, GeneratorName } from '../../../protocol/messages';
import type { FileFacts } from '../engine/facts';
import { collectorConfigYaml } from './collector-config';
import { declaredComponents } from './declared-components';
import { grafanaDashboard } from './grafana-dashboard';
import { prometheusRulesYaml } from './prometheus-rules';

/** What can be generated (the protocol's list: the editor asks for these by name). */
export const GENERATORS = GENERATOR_NAMES;
export type { GeneratorName };

/** One generated file. */
export type GeneratedFile = GenerateResult;

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
