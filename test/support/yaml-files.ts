/** Every `.yaml`/`.yml` file under a folder, recursively (absolute paths): the corpus-wide tests read them all. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFilesUnder(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}
