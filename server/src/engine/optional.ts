/**
 * `{ [key]: value }` when the value is defined, `{}` otherwise: spreads optional properties into an
 * object literal under `exactOptionalPropertyTypes`.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }; // a computed key widens to string
}
