/**
 * A file of the workspace that another thread parsed and lints (the CLI's worker threads): this thread knows only
 * its index entries, so that the files it lints itself see that file's objects exactly as a single thread would.
 */
import { DocumentLinter } from './document-linter';
import type { EntryData } from './indexer';
import { ObjectEntry } from './indexer';

export class ForeignFile extends DocumentLinter {
  private readonly list: ObjectEntry[];

  constructor(
    uri: string,
    entries: readonly EntryData[],
    /** The file is a Helm template (skipped, and not counted among the searched files). */
    private readonly helmTemplate: boolean,
    defaultNamespace: () => string,
  ) {
    // holds no text: linting it here gives nothing (its own thread reports its findings)
    super(uri, defaultNamespace);
    this.list = entries.map((e) => ObjectEntry.fromData(e, defaultNamespace));
  }

  override entries(): ObjectEntry[] {
    return this.list;
  }

  override get isHelm(): boolean {
    return this.helmTemplate;
  }
}
