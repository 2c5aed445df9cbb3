/**
 * OTLP/UCUM unit codes as words for display: `1` → ratio, `s` → seconds, `By` → bytes, `{request}` →
 * requests, `By/s` → bytes per second. Unknown codes are shown as sent.
 */
import { OTEL_UNITS } from '../../../runtime/src/conventions/index';

/** The UCUM codes of the runtime's base units, plus the scaled forms OpenTelemetry libraries use. */
const WORDS: ReadonlyMap<string, string> = new Map<string, string>([
  ...Object.entries(OTEL_UNITS).map(([word, code]): [string, string] => [code, word]),
  ['ms', 'milliseconds'],
  ['us', 'microseconds'],
  ['ns', 'nanoseconds'],
  ['min', 'minutes'],
  ['h', 'hours'],
  ['d', 'days'],
  ['KBy', 'kilobytes'],
  ['MBy', 'megabytes'],
  ['GBy', 'gigabytes'],
  ['KiBy', 'kibibytes'],
  ['MiBy', 'mebibytes'],
  ['GiBy', 'gibibytes'],
  ['bit', 'bits'],
  ['W', 'watts'],
]);

/** The unit in words; '' when there is none. */
export function unitName(unit: string): string {
  const trimmed = unit.trim();
  if (trimmed === '') return '';
  const per = trimmed.indexOf('/');
  if (per > 0) {
    const [numerator, denominator] = [trimmed.slice(0, per), trimmed.slice(per + 1)];
    const over = singular(word(denominator));
    return numerator === '1' ? `per ${over}` : `${word(numerator)} per ${over}`;
  }
  return word(trimmed);
}

function word(code: string): string {
  const known = WORDS.get(code);
  if (known !== undefined) return known;
  // An annotation such as {request} or {connection}: the word inside, plural.
  const annotation = /^\{([^{}]+)\}$/.exec(code)?.[1];
  if (annotation !== undefined) return annotation.endsWith('s') ? annotation : `${annotation}s`;
  return code;
}

function singular(words: string): string {
  return words.endsWith('s') && !words.endsWith('ss') ? words.slice(0, -1) : words;
}
