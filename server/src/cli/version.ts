/** The package version, read from the package.json beside the bundle (server/out/cli.js → ../../package.json). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(start: string = __dirname): string {
  // Walk up a few folders: the bundle sits two below the package root, the compiled tests deeper.
  let dir = start;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kubewise' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      /* not here; try the parent */
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return '0.0.0';
}
