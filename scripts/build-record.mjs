// What a build was made from, so that the next build can tell that nothing changed and skip (esbuild.mjs): every
// input it read, by content (a changed, added or removed import changes some input's content), a recipe (what else
// makes the outputs what they are: the build script, the bundler's version…), and each output's size and
// modification time (enough to see one rebuilt another way, deleted or edited). Paths are as the bundler names
// them, relative to the current folder.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

export function digest(...parts) {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

function outputState(path) {
  if (!existsSync(path)) return null;
  const s = statSync(path);
  return `${s.size} ${s.mtimeMs}`;
}

/** Writes the record of a build that read `inputs` and wrote `outputs` (paths). */
export function writeRecord(file, recipe, inputs, outputs) {
  const record = {
    recipe,
    inputs: Object.fromEntries([...inputs].map((p) => [p, digest(readFileSync(p))])),
    outputs: Object.fromEntries([...outputs].map((p) => [p, outputState(p)])),
  };
  writeFileSync(file, JSON.stringify(record, null, 1) + '\n');
}

/** Whether the build recorded in `file` would make what it made then: same recipe, inputs and outputs. */
export function isCurrent(file, recipe) {
  let record;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false; // never recorded, or unreadable
  }
  if (record.recipe !== recipe) return false;
  for (const [path, state] of Object.entries(record.outputs))
    if (state === null || outputState(path) !== state) return false;
  for (const [path, hash] of Object.entries(record.inputs))
    if (!existsSync(path) || digest(readFileSync(path)) !== hash) return false;
  return true;
}

export function dropRecord(file) {
  rmSync(file, { force: true });
}
