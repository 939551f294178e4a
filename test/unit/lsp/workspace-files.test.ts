/**
 * WorkspaceFiles (server/src/lsp/workspace-files.ts) when the editor and the disk race: a document closed and opened
 * again while its file is being read back keeps the editor's text, and a rescan that drops the folder is not undone
 * by a read that finishes after it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { WorkspaceFiles } from '../../../server/src/lsp/workspace-files';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('WorkspaceFiles: editor text and disk reads that overlap', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const folderWith = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'kubewise-files-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'settings.yaml'), configMap(name));
    return { dir, uri: pathToFileURL(join(dir, 'settings.yaml')).toString() };
  };
  const filesFor = () =>
    new WorkspaceFiles({
      selection: () => Promise.resolve({ include: [], exclude: [], ignorePaths: [] }),
      progress: () => Promise.resolve({ report: () => undefined, done: () => undefined }),
      log: () => undefined,
    });
  const names = (files: WorkspaceFiles) =>
    files.workspace
      .index()
      .objects()
      .map((o) => o.name);

  it('a document opened again while its closed file is read back keeps the editor text', async () => {
    const { dir, uri } = folderWith('on-disk');
    const files = filesFor();
    await files.scan([pathToFileURL(dir).toString()]);
    assert.deepEqual(names(files), ['on-disk']);
    files.setOpen(uri, configMap('first-edit'));
    const closing = files.closed(uri); // reads the file back from disk …
    files.setOpen(uri, configMap('second-edit')); // … while the editor opens it again
    await closing;
    assert.deepEqual(names(files), ['second-edit']);
  });

  it('a read that ends after a rescan dropped its folder does not bring the file back', async () => {
    const a = folderWith('in-a');
    const b = folderWith('in-b');
    const files = filesFor();
    await files.scan([pathToFileURL(a.dir).toString()]);
    files.setOpen(a.uri, configMap('edited-in-a'));
    const closing = files.closed(a.uri);
    const rescan = files.scan([pathToFileURL(b.dir).toString()]); // the folder of a is no longer in the workspace
    await Promise.all([closing, rescan]);
    assert.deepEqual(names(files), ['in-b']);
  });
});
