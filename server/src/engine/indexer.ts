/** Builds the index entries of parsed objects: identity, labels, template labels, and (lazily) the plain value. */
import type { K8sObject } from '../model/object';
import { podMetadataOf, stringMap } from '../model/object';
import type { IndexedObject } from '../model/workspace';
import { CLUSTER_SCOPED } from '../model/workspace';
import { dig } from '../model/relations/plain';

/**
 * An index entry as plain data (structured-cloneable): how a file parsed on another thread enters this thread's
 * index. Everything a cross-resource rule may read of an `IndexedObject`, its plain value included.
 */
export interface EntryData {
  uri: string;
  line: number;
  apiVersion: string;
  kind: string;
  name: string | undefined;
  ownNamespace: string | undefined;
  labels: ReadonlyMap<string, string>;
  templateLabels: ReadonlyMap<string, string> | undefined;
  value: Readonly<Record<string, unknown>>;
}

/** An index entry whose line can move (the segment it lives in shifted) without recomputing anything else. */
export class ObjectEntry implements IndexedObject {
  private plain: Readonly<Record<string, unknown>> | undefined;
  /** `valueAt` results read before (or without) the whole plain value. */
  private parts: Map<string, unknown> | undefined;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly labels: ReadonlyMap<string, string>;
  readonly templateLabels: ReadonlyMap<string, string> | undefined;

  constructor(
    /** The parsed object; undefined for an entry made from `EntryData` (parsed on another thread). */
    readonly object: K8sObject | undefined,
    readonly uri: string,
    /** line of the object within its segment */
    readonly localLine: number,
    public line: number,
    private readonly ownNamespace: string | undefined,
    public namespaceOverride: string | undefined,
    private readonly defaultNs: () => string,
    data?: EntryData,
  ) {
    if (!object) {
      this.apiVersion = data!.apiVersion;
      this.kind = data!.kind;
      this.name = data!.name;
      this.labels = data!.labels;
      this.templateLabels = data!.templateLabels;
      this.plain = data!.value;
      return;
    }
    this.apiVersion = object.apiVersion;
    this.kind = object.kind;
    this.name = object.name;
    this.labels = stringMap(object.nav, object.nav.getMap(object.metadata, 'labels'));
    const podMeta = object.workload?.templatePath ? podMetadataOf(object) : undefined;
    this.templateLabels = podMeta ? stringMap(object.nav, object.nav.getMap(podMeta, 'labels')) : undefined;
  }

  get namespace(): string | undefined {
    if (CLUSTER_SCOPED.has(this.kind)) return undefined;
    return this.ownNamespace ?? this.namespaceOverride ?? this.defaultNs();
  }

  get value(): Readonly<Record<string, unknown>> {
    // An alias bomb or a cycle gives `{}`: the object is still indexed by identity, without its data.
    if (this.plain === undefined) this.plain = this.object!.nav.plainRecord(this.object!.node);
    return this.plain;
  }

  valueAt(path: readonly string[]): unknown {
    const object = this.object;
    if (this.plain !== undefined || !object) return dig(this.value, ...path);
    // kept per path: several rules read the same field of the same object (a workload's pod spec)
    const key = path.join('\0');
    const parts = (this.parts ??= new Map());
    if (parts.has(key)) return parts.get(key);
    // the same lookups as the whole conversion (merge keys followed, the last of duplicate keys), on one branch
    const nav = object.nav;
    let node: unknown = object.node;
    for (const k of path) {
      const map = nav.map(node);
      node = map && nav.pair(map, k)?.value;
      if (node === undefined) break;
    }
    // a pair without a value (`replicas:` in flow style) has a null node: plain data holds null there too
    const value = node === null ? null : node === undefined ? undefined : nav.plain(node);
    parts.set(key, value);
    return value;
  }

  /** The entry as plain data, for another thread's index (the plain value is computed now). */
  toData(): EntryData {
    return {
      uri: this.uri,
      line: this.line,
      apiVersion: this.apiVersion,
      kind: this.kind,
      name: this.name,
      ownNamespace: this.ownNamespace,
      labels: this.labels,
      templateLabels: this.templateLabels,
      value: this.value,
    };
  }

  /** An entry of an object parsed on another thread (see `toData`). */
  static fromData(data: EntryData, defaultNs: () => string): ObjectEntry {
    return new ObjectEntry(undefined, data.uri, 0, data.line, data.ownNamespace, undefined, defaultNs, data);
  }

  /** The entry at its new place: the same entry when only its line moved (the object itself did not change). */
  moved(line: number, uri: string): ObjectEntry {
    if (uri === this.uri) {
      this.line = line;
      return this;
    }
    const e = new ObjectEntry(
      this.object,
      uri,
      this.localLine,
      line,
      this.ownNamespace,
      this.namespaceOverride,
      this.defaultNs,
      this.object ? undefined : this.toData(),
    );
    e.plain = this.plain;
    e.parts = this.parts;
    return e;
  }
}

export function entryFor(
  object: K8sObject,
  uri: string,
  localLine: number,
  startLine: number,
  defaultNs: () => string,
): ObjectEntry {
  return new ObjectEntry(object, uri, localLine, localLine + startLine, object.namespace, undefined, defaultNs);
}
