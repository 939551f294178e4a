/**
 * Caching of cross-resource rule results. While a rule checks an object, every question it asks the index is
 * recorded with its answer; the next lint asks the same questions of the new index, and when every answer is the same
 * (the same entries, compared by identity: an entry is recreated only when its object's text changed), the rule's
 * previous diagnostics still hold. So an edit to a Deployment re-runs only the rules whose answers involved
 * Deployments, and an edit that touches no object's text re-runs nothing.
 */
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';

type Read =
  | { op: 'objects'; kind: string | undefined; namespace: string | undefined; answer: readonly IndexedObject[] }
  | { op: 'get'; kind: string; namespace: string | undefined; name: string; answer: IndexedObject | undefined }
  | { op: 'files'; answer: readonly string[] }
  | { op: 'defaultNamespace'; answer: string };

export class RecordingIndex implements WorkspaceIndexView {
  readonly reads: Read[] = [];

  constructor(private readonly inner: WorkspaceIndexView) {}

  get defaultNamespace(): string {
    const answer = this.inner.defaultNamespace;
    this.reads.push({ op: 'defaultNamespace', answer });
    return answer;
  }

  objects(kind?: string, namespace?: string): readonly IndexedObject[] {
    const answer = this.inner.objects(kind, namespace);
    this.reads.push({ op: 'objects', kind, namespace, answer });
    return answer;
  }

  get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    const answer = this.inner.get(kind, namespace, name);
    this.reads.push({ op: 'get', kind, namespace, name, answer });
    return answer;
  }

  files(): readonly string[] {
    const answer = this.inner.files();
    this.reads.push({ op: 'files', answer });
    return answer;
  }
}

/** Whether every recorded question gets the same answer from `index`. */
export function sameAnswers(reads: readonly Read[], index: WorkspaceIndexView): boolean {
  for (const r of reads) {
    switch (r.op) {
      case 'objects':
        if (!sameList(r.answer, index.objects(r.kind, r.namespace))) return false;
        break;
      case 'get':
        if (index.get(r.kind, r.namespace, r.name) !== r.answer) return false;
        break;
      case 'files':
        if (!sameList(r.answer, index.files())) return false;
        break;
      case 'defaultNamespace':
        if (index.defaultNamespace !== r.answer) return false;
        break;
    }
  }
  return true;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export type { Read as IndexRead };
