/**
 * `kubewise.crds`: CRD files outside the workspace whose kinds authoring and the CRD checks know. They join the
 * workspace index like the folders' manifests, but are never linted or published.
 */
import { readCrdFiles } from './authoring';
import type { WorkspaceFiles } from './workspace-files';

export class CrdFiles {
  private uris: string[] = [];

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly warn: (message: string) => void,
  ) {}

  /** Reads the files `crds` (the setting's raw value) names, relative to `folder`; replaces the ones read before. */
  load(crds: unknown, folder: string | undefined): void {
    const patterns = Array.isArray(crds) ? crds.filter((p): p is string => typeof p === 'string') : [];
    const read = readCrdFiles(patterns, folder, this.warn);
    for (const uri of this.uris) if (!read.some((r) => r.uri === uri)) this.files.workspace.removeFile(uri);
    for (const r of read) this.files.workspace.setFile(r.uri, r.text);
    this.uris = read.map((r) => r.uri);
    this.files.version++;
  }
}
