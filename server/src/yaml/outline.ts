/**
 * The outline of a YAML text (document symbols): every object with its kind, name and containers and where they are
 * written. Each `---` segment is parsed on its own and cached by its text, so an edit parses only its segment again.
 */
import type { Document } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { tooDeep } from './depth';
import { splitSegments } from './segments';

/** One object of a YAML text for the outline: its kind, name and where it is written. */
export interface OutlineObject {
  readonly kind: string;
  readonly name: string | undefined;
  /** The whole YAML document's offsets, and the `kind` value's (the part an editor selects). */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly containers: ReadonlyArray<{
    name: string;
    image: string | undefined;
    init: boolean;
    start: number;
    end: number;
  }>;
}

const CONTAINER_LISTS: ReadonlyArray<[string, boolean]> = [
  ['initContainers', true],
  ['containers', false],
];

/**
 * Every object with `kind` of every `---` document of the text, with its pod's containers wherever they are.
 * `cache` (one per open document) keeps each segment's outline by its text: editors ask for the outline after
 * every edit, and only the segment that changed is parsed again.
 */
export function outline(text: string, cache?: Map<string, OutlineObject[]>): OutlineObject[] {
  const out: OutlineObject[] = [];
  const used = new Set<string>();
  for (const seg of splitSegments(text)) {
    let local = cache?.get(seg.text);
    if (!local) {
      local = segmentOutline(seg.text);
      cache?.set(seg.text, local);
    }
    used.add(seg.text);
    for (const o of local) {
      out.push({
        ...o,
        start: o.start + seg.start,
        end: o.end + seg.start,
        nameStart: o.nameStart + seg.start,
        nameEnd: o.nameEnd + seg.start,
        containers: o.containers.map((c) => ({ ...c, start: c.start + seg.start, end: c.end + seg.start })),
      });
    }
  }
  if (cache) for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
  return out;
}

/** The outline of one segment, with offsets in the segment. */
function segmentOutline(text: string): OutlineObject[] {
  let doc: Document.Parsed;
  if (tooDeep(text)) return []; // the parser and the walks below recurse per level (yaml/depth.ts)
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return [];
  }
  const root = doc.contents;
  if (!isMap(root) || !root.range) return [];
  const kindNode = root.get('kind', true);
  if (!isScalar(kindNode) || typeof kindNode.value !== 'string' || !kindNode.range) return [];
  const meta = root.get('metadata', true);
  const nameNode = isMap(meta) ? meta.get('name', true) : undefined;
  const name = isScalar(nameNode) && nameNode.value !== null ? String(nameNode.value) : undefined;
  const sel = isScalar(nameNode) && nameNode.range ? nameNode.range : kindNode.range;
  const containers: Array<OutlineObject['containers'][number]> = [];
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const entry = CONTAINER_LISTS.find(([k]) => k === key);
      if (!entry || !isSeq(pair.value)) return undefined;
      for (const item of pair.value.items) {
        if (!isMap(item) || !item.range) continue;
        const n = item.get('name');
        const image = item.get('image');
        containers.push({
          name: n === undefined || n === null ? '(no name)' : String(n),
          image: typeof image === 'string' ? image : undefined,
          init: entry[1],
          start: item.range[0],
          end: item.range[1],
        });
      }
      return visit.SKIP;
    },
  });
  return [
    {
      kind: kindNode.value,
      name,
      start: root.range[0],
      end: root.range[1],
      nameStart: sel[0],
      nameEnd: sel[1],
      containers,
    },
  ];
}
