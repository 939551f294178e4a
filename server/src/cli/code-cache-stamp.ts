/**
 * Build time only: stamps the CLI bundle with the id its code cache names (see ./code-cache.ts), a last line
 * `//# kubewise-bundle <id>` where the id is the first 16 hex digits of the SHA-256 of the bundle before it. Not
 * part of the `kubewise` script: it loads `node:crypto`, which a start does not need.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { BUNDLE_ID_PREFIX, bundleIdOf } from './code-cache';

/** `text` with its stamp; a text already stamped is stamped anew (its old stamp replaced). */
export function stampBundle(text: string): string {
  const bare = bundleIdOf(Buffer.from(text.slice(-64), 'latin1'))
    ? text.slice(0, text.lastIndexOf(BUNDLE_ID_PREFIX))
    : text;
  const body = bare.endsWith('\n') ? bare : `${bare}\n`;
  const id = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `${body}${BUNDLE_ID_PREFIX}${id}\n`;
}

/** Stamps the bundle file at `path` in place. */
export function stampBundleFile(path: string): void {
  const text = readFileSync(path, 'latin1');
  const stamped = stampBundle(text);
  if (stamped !== text) writeFileSync(path, stamped, 'latin1');
}
