import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (one place to bump). */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

export const HOMEPAGE = 'https://github.com/rotwatch/rotwatch';

export const defaultUserAgent = (): string =>
  `rotwatch/${VERSION} (+${HOMEPAGE}; link checker for bibliographies)`;
