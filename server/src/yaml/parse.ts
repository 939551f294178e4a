/**
 * The one place that parses YAML. Manifests are parsed segment by segment (see segments.ts) with `PARSE_OPTIONS`;
 * small side files (`.kubewise.yaml`, a kustomization) are read as plain values or one document.
 */
import { parse, parseAllDocuments, parseDocument, Schema, YAMLParseError } from 'yaml';
import type { Document, SchemaOptions } from 'yaml';
import { MAX_NESTING_DEPTH, tooDeep } from './depth';
import { LineIndex } from './lines';

/**
 * Plain scalars that no tag of the YAML 1.2 core schema (nor the merge key `<<`) can resolve, told by their first
 * characters: null needs `~`, `null` or nothing; booleans `true`/`false`; numbers a sign, a dot or a digit; the merge
 * key `<`. Most keys and values of a manifest (`metadata`, `app-0`, `apps/v1`) are such strings.
 */
export const PLAIN_STRING = /^(?:[^~nNtTfF\-+.0-9<]|[nN](?!(?:ull|ULL)$)|[tT](?!(?:rue|RUE)$)|[fF](?!(?:alse|ALSE)$))/;

/**
 * A string tag ahead of the core schema's: `yaml` tries every tag's pattern on every plain scalar, eight regular
 * expressions for a plain string, a tenth of parsing a manifest; a scalar `PLAIN_STRING` matches resolves here at
 * once, to what the schema's own string tag gives it (the tests parse both ways). No `identify`: it never takes part
 * in writing YAML.
 */
const PLAIN_STRING_TAG = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  test: PLAIN_STRING,
  resolve: (source: string): string => source,
} as const;

/**
 * `yaml` options for manifests: duplicate keys are errors (the API server's JSON decoding would keep only one);
 * merge keys are YAML 1.1 behaviour that Kubernetes' YAML decoder honours; plain strings resolve first.
 */
export const PARSE_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
  merge: true,
  customTags: (tags: Tags): Tags => [PLAIN_STRING_TAG, ...tags],
} as const;

type Tags = NonNullable<Extract<SchemaOptions['customTags'], readonly unknown[]>>;

/**
 * `PARSE_OPTIONS` with the schema made once: `yaml` otherwise builds one per document (its tag list, ours in front),
 * for the same core schema every time; a 10,000-line file has hundreds of documents. The schema is only read while
 * parsing and editing. A text with a `%YAML` directive parses with `PARSE_OPTIONS`: `%YAML 1.1` asks for another schema.
 */
const SHARED_SCHEMA_OPTIONS = {
  ...PARSE_OPTIONS,
  // what `Document.setSchema` builds for a YAML 1.2 document from these options
  schema: new Schema({ ...PARSE_OPTIONS, resolveKnownTags: true, schema: 'core' }),
} as const;

/** The options a segment's text parses with (see `SHARED_SCHEMA_OPTIONS`). */
export function parseOptionsFor(text: string): typeof PARSE_OPTIONS | typeof SHARED_SCHEMA_OPTIONS {
  return text.includes('%YAML') ? PARSE_OPTIONS : SHARED_SCHEMA_OPTIONS;
}

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
  const deep = tooDeep(text);
  if (deep) return { text, lines, docs: [tooDeepDocument(deep.offset)] };
  try {
    const docs = parseAllDocuments(text, parseOptionsFor(text)) as Document.Parsed[];
    return { text, lines, docs: Array.isArray(docs) ? docs : [] };
  } catch (e) {
    return { text, lines, docs: [], thrown: e };
  }
}

/**
 * The stand-in for a segment nested too deeply to parse (yaml/depth.ts): an empty document carrying one error, so
 * that it is reported where YAML errors are (yaml-syntax) and, like any document with errors, gets no other check.
 */
function tooDeepDocument(offset: number): Document.Parsed {
  const doc = parseDocument('', PARSE_OPTIONS) as Document.Parsed;
  doc.errors.push(
    new YAMLParseError(
      [offset, offset + 1],
      'RESOURCE_EXHAUSTION',
      `Nested more than ${MAX_NESTING_DEPTH} levels deep here: Kubewise did not parse this document, and no rule or schema check ran on it.`,
    ),
  );
  return doc;
}

/** A small YAML file as a plain value (a kustomization); throws on invalid YAML. */
export function parseYamlValue(text: string): unknown {
  return parse(text);
}

/** A single-document YAML file (`.kubewise.yaml`), errors on the document. */
export function parseYamlDocument(text: string): Document {
  return parseDocument(text);
}
