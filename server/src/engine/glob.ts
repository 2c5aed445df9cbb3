/** Minimal glob matching for configuration (`src/legacy/**`, `*.gen.ts`): `**`, `*` and `?`. */

const cache = new Map<string, RegExp>();

/** The regular expression of a glob over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob.charAt(i + 1) === '*') {
      const slash = glob.charAt(i + 2) === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches a base name anywhere, as .gitignore does.
  re = new RegExp(glob.includes('/') ? `^${source}$` : `(?:^|/)${source}$`);
  cache.set(glob, re);
  return re;
}

/** True when a relative path matches any of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(path) || globToRegExp(g.replace(/\/$/, '/**')).test(path));
}
