/**
 * One segment of a manifest (see yaml/segments.ts), parsed once: its YAML documents, line table, an editor per
 * document, and the Kubernetes objects they hold. The linter, navigation, the "ignore" actions and the companion
 * generator all read segments through this, so a segment is parsed one way everywhere.
 */
import type { Document } from '../yaml/nodes';
import { YamlEditor } from '../yaml/edit';
import type { LineIndex } from '../yaml/lines';
import { DocNav } from '../yaml/nodes';
import { parseYamlSegment } from '../yaml/parse';
import type { K8sObject } from './object';
import { objectsOf } from './object';

export interface SegmentObject {
  readonly object: K8sObject;
  /** The editor of the object's document. */
  readonly editor: YamlEditor;
  /** Zero-based line of the object's first key within the segment. */
  readonly localLine: number;
}

export interface ParsedSegment {
  readonly text: string;
  readonly lines: LineIndex;
  readonly docs: ReadonlyArray<{ readonly doc: Document.Parsed; readonly editor: YamlEditor }>;
  /** Objects of the documents that parsed without errors: semantic checks need the structure the parser built. */
  readonly objects: readonly SegmentObject[];
  /** What threw: the parser (a bug in `yaml`), or reading objects out of a document (a bug here). The last wins. */
  readonly failure?: { readonly in: 'yaml' | 'model'; readonly error: unknown };
}

export function parseSegment(text: string): ParsedSegment {
  const yaml = parseYamlSegment(text);
  const { lines } = yaml;
  if (yaml.thrown !== undefined)
    return { text, lines, docs: [], objects: [], failure: { in: 'yaml', error: yaml.thrown } };
  const docs: Array<{ doc: Document.Parsed; editor: YamlEditor }> = [];
  const objects: SegmentObject[] = [];
  let failure: ParsedSegment['failure'];
  for (const doc of yaml.docs) {
    const editor = new YamlEditor(text, lines, new DocNav(doc));
    docs.push({ doc, editor });
    // A duplicate key breaks nothing of the structure: the document is still checked and indexed, with the last
    // value, as the API server reads it (yaml-syntax reports the duplicate).
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) continue;
    try {
      for (const object of objectsOf(doc)) {
        objects.push({ object, editor, localLine: lines.positionAt(object.node.range![0]).line });
      }
    } catch (e) {
      failure = { in: 'model', error: e };
    }
  }
  return failure ? { text, lines, docs, objects, failure } : { text, lines, docs, objects };
}
