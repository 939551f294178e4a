/**
 * The one place that parses YAML. Manifests are parsed segment by segment (see segments.ts) with `PARSE_OPTIONS`;
 * small side files (`.kubewise.yaml`, a kustomization) are read as plain values or one document.
 */
import { parse, parseAllDocuments, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { LineIndex } from './lines';

/**
 * `yaml` options for manifests: duplicate keys are errors (the API server's JSON decoding would keep only one);
 * merge keys are YAML 1.1 behaviour that Kubernetes' YAML decoder honours.
 */
export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, merge: true } as const;

/** One segment's YAML: its documents and line table, or the error the parser threw (a parser bug, not bad YAML). */
export interface YamlSegment {
  readonly text: string;
  readonly lines: LineIndex;
  readonly docs: readonly Document.Parsed[];
  /** Set when the parser threw: `yaml` reports bad YAML as errors on the document, so a throw is its own bug. */
  readonly thrown?: unknown;
}

export function parseYamlSegment(text: string): YamlSegment {
  const lines = new LineIndex(text);
  try {
    const docs = parseAllDocuments(text, PARSE_OPTIONS) as Document.Parsed[];
    return { text, lines, docs: Array.isArray(docs) ? docs : [] };
  } catch (e) {
    return { text, lines, docs: [], thrown: e };
  }
}

/** A small YAML file as a plain value (a kustomization); throws on invalid YAML. */
export function parseYamlValue(text: string): unknown {
  return parse(text);
}

/** A single-document YAML file (`.kubewise.yaml`), errors on the document. */
export function parseYamlDocument(text: string): Document {
  return parseDocument(text);
}
