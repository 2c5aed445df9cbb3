/**
 * Reads typed values for named settings from the environment (first) and the config file (second).
 * Pure: no I/O. Every invalid value adds one warning naming the setting and what it accepts, and the
 * caller's default is returned instead; nothing here throws.
 *
 * Warnings never quote a value of a `*_HEADERS` setting, nor any text of a key=value entry or of a JSON
 * value that failed to parse: headers carry API keys, and a typo there must not print one. They name the
 * setting, the entry's key and position, and what is wrong.
 */
import { jsonErrorIndex } from './json-error-index';
import type { ConfigWarning } from './types';

/** A raw value and where it came from. */
interface RawSetting {
  readonly value: unknown;
  readonly source: string;
}

/** The environment source name used in warnings. */
export const ENV_SOURCE = 'environment';

/** Typed accessors over the environment and the parsed config file. */
export class SettingsReader {
  readonly warnings: ConfigWarning[] = [];

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly file: Readonly<Record<string, unknown>>,
    private readonly fileName: string,
  ) {}

  /** True when the setting has a non-empty value in either source. */
  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  /** Where the value of `key` comes from (for warnings), or undefined when unset. */
  sourceOf(key: string): string | undefined {
    return this.raw(key)?.source;
  }

  /** Records a warning for `key`. */
  warn(key: string, source: string, message: string): void {
    this.warnings.push({ variable: key, source, message });
  }

  /** One of `accepted` (case-insensitive), or an alias of one; otherwise a warning and `fallback`. */
  oneOf<T extends string>(key: string, accepted: readonly T[], fallback: T, aliases: Readonly<Record<string, T>> = {}): T {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    const text = typeof raw.value === 'string' ? raw.value.trim().toLowerCase() : undefined;
    const found = accepted.find((a) => a === text) ?? (text !== undefined && Object.hasOwn(aliases, text) ? aliases[text] : undefined);
    if (found !== undefined) return found;
    const aliasText = Object.keys(aliases).length > 0 ? ` (aliases: ${Object.entries(aliases).map(([a, t]) => `${a}=${t}`).join(', ')})` : '';
    this.invalid(key, raw, `accepted values are ${accepted.join(', ')}${aliasText}`, fallback);
    return fallback;
  }

  /** An integer in [min, max]; otherwise a warning and `fallback`. */
  integer(key: string, fallback: number, min: number, max: number): number {
    return this.numeric(key, fallback, min, max, true);
  }

  /** A finite number in [min, max]; otherwise a warning and `fallback`. */
  number(key: string, fallback: number, min: number, max: number): number {
    return this.numeric(key, fallback, min, max, false);
  }

  /** An optional integer in [min, max]: undefined when unset or invalid. */
  optionalInteger(key: string, min: number, max: number): number | undefined {
    if (!this.has(key)) return undefined;
    const value = this.numeric(key, Number.NaN, min, max, true);
    return Number.isNaN(value) ? undefined : value;
  }

  /** `true`/`false` (also 1/0, yes/no); otherwise a warning and `fallback`. */
  boolean(key: string, fallback: boolean): boolean {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    if (typeof raw.value === 'boolean') return raw.value;
    const text = typeof raw.value === 'string' ? raw.value.trim().toLowerCase() : undefined;
    if (text === 'true' || text === '1' || text === 'yes') return true;
    if (text === 'false' || text === '0' || text === 'no') return false;
    this.invalid(key, raw, 'accepted values are true, false', fallback);
    return fallback;
  }

  /** A non-empty string; otherwise `fallback`. */
  string(key: string, fallback: string): string {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    if (typeof raw.value === 'string') return raw.value.trim();
    this.invalid(key, raw, 'expected a string', fallback);
    return fallback;
  }

  /** An absolute http(s) URL; otherwise a warning and undefined. */
  url(key: string): string | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return undefined;
    const text = typeof raw.value === 'string' ? raw.value.trim() : '';
    if (URL.canParse(text)) {
      const protocol = new URL(text).protocol;
      if (protocol === 'http:' || protocol === 'https:') return text;
    }
    this.invalid(key, raw, 'expected an absolute http:// or https:// URL', undefined);
    return undefined;
  }

  /**
   * `key1=value1,key2=value2` with percent-encoded values (the OTel format for headers and resource
   * attributes); in the config file also a JSON object of strings. Bad entries are skipped with a warning.
   */
  keyValues(key: string): Record<string, string> {
    const raw = this.raw(key);
    const out: Record<string, string> = {};
    if (raw === undefined) return out;
    if (isRecord(raw.value)) return this.stringRecord(key, raw.value, raw.source);
    if (typeof raw.value !== 'string') {
      this.invalid(key, raw, 'expected key1=value1,key2=value2', undefined);
      return out;
    }
    const entries = raw.value.split(',');
    entries.forEach((entry, i) => {
      if (entry.trim() === '') return;
      const eq = entry.indexOf('=');
      const name = eq > 0 ? entry.slice(0, eq).trim() : '';
      const text = entry.slice(eq + 1).trim();
      const value = eq > 0 ? tryDecode(text) : undefined;
      if (name !== '' && value !== undefined) {
        out[name] = value;
        return;
      }
      const problem = eq < 0 ? 'it has no "="' : name === '' ? 'its key is empty' : `the value of ${JSON.stringify(name)} has a bad percent escape at character ${badEscapeAt(text) + 1}`;
      this.warn(key, raw.source, `${key}: ignoring entry ${i + 1} of ${entries.length}: ${problem}; expected key1=value1,key2=value2 with percent-encoded values`);
    });
    return out;
  }

  /** A JSON object of string values (e.g. `{"x-honeycomb-team":"abc"}`); otherwise a warning and `{}`. */
  jsonObject(key: string): Record<string, string> {
    const raw = this.raw(key);
    if (raw === undefined) return {};
    if (typeof raw.value === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.value);
      } catch {
        this.invalid(key, raw, `not valid JSON (${jsonErrorPlace(raw.value)}); expected a JSON object of strings, e.g. {"x-api-key":"abc"}`, undefined);
        return {};
      }
      if (isRecord(parsed)) return this.stringRecord(key, parsed, raw.source);
    } else if (isRecord(raw.value)) {
      return this.stringRecord(key, raw.value, raw.source);
    }
    this.invalid(key, raw, 'expected a JSON object of strings, e.g. {"x-api-key":"abc"}', undefined);
    return {};
  }

  /** A comma-separated list (in the config file also a JSON array of strings), trimmed, empty items dropped. */
  list(key: string, fallback: readonly string[]): readonly string[] {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    const items = typeof raw.value === 'string' ? raw.value.split(',') : Array.isArray(raw.value) ? raw.value : undefined;
    if (items === undefined || !items.every((i): i is string => typeof i === 'string')) {
      this.invalid(key, raw, 'expected a comma-separated list', fallback.join(','));
      return fallback;
    }
    return items.map((i) => i.trim()).filter((i) => i !== '');
  }

  private numeric(key: string, fallback: number, min: number, max: number, isInteger: boolean): number {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    const value = typeof raw.value === 'number' ? raw.value : typeof raw.value === 'string' && raw.value.trim() !== '' ? Number(raw.value.trim()) : Number.NaN;
    if (Number.isFinite(value) && value >= min && value <= max && (!isInteger || Number.isInteger(value))) return value;
    const kind = isInteger ? 'an integer' : 'a number';
    this.invalid(key, raw, `expected ${kind} from ${min} to ${max}`, Number.isNaN(fallback) ? undefined : fallback);
    return fallback;
  }

  private stringRecord(key: string, record: Readonly<Record<string, unknown>>, source: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(record)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
      else this.warn(key, source, `${key}: ignoring ${JSON.stringify(name)}; its value must be a string`);
    }
    return out;
  }

  private invalid(key: string, raw: RawSetting, accepted: string, fallback: string | number | boolean | undefined): void {
    const from = raw.source === ENV_SOURCE ? '' : ` in ${raw.source}`;
    const using = fallback === undefined || fallback === '' ? 'ignoring it' : `using the default ${JSON.stringify(fallback)}`;
    const setting = isSecret(key) ? `${key} (value not shown)` : `${key}=${JSON.stringify(raw.value) ?? String(raw.value)}`;
    this.warn(key, raw.source, `${setting}${from} is not valid: ${accepted}; ${using}`);
  }

  private raw(key: string): RawSetting | undefined {
    const fromEnv = this.env[key];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return { value: fromEnv, source: ENV_SOURCE };
    if (Object.hasOwn(this.file, key)) {
      const value = this.file[key];
      if (value !== undefined && value !== null && value !== '') return { value, source: this.fileName };
    }
    return undefined;
  }
}

/** True for settings whose values may hold credentials (`*_HEADERS`): warnings never quote them. */
export function isSecret(key: string): boolean {
  return key.endsWith('_HEADERS');
}

/**
 * Where a text that JSON.parse rejected stops being valid ("at character N", from 1), without quoting it:
 * the parser's own message may quote the text, and says where only for some errors.
 */
export function jsonErrorPlace(text: string): string {
  const i = jsonErrorIndex(text);
  return i < 0 ? 'the position is unknown' : `at character ${i + 1}`;
}

/** The index of the first `%` not followed by two hex digits (else the first `%`: bytes that are not UTF-8). */
function badEscapeAt(text: string): number {
  const i = text.search(/%(?![0-9a-f]{2})/i);
  return i >= 0 ? i : Math.max(0, text.indexOf('%'));
}

function tryDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
