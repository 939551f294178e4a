/**
 * Objects for the test API server (fake-apiserver.ts): GET, list and server-side apply PATCH of ConfigMaps,
 * Services, Deployments, StatefulSets, HorizontalPodAutoscalers and custom resources, in the API server's wire
 * format: discovery documents, typed lists whose items carry no apiVersion/kind, `Status` bodies for 403, 404, 409
 * and an admission webhook's denial, `metadata.managedFields` in `FieldsV1`, defaults filled in as the API server's
 * defaulting does (a Deployment's strategy, a container's terminationMessagePath …), and a mutating webhook that
 * annotates pod templates. A PATCH without `dryRun=All` is carried out, as a real server would, and recorded in
 * `writes`, so that a test can prove nothing was written.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Plain = Record<string, unknown>;
const isMap = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

interface KindDef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

const BUILT_IN: readonly KindDef[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true },
  { apiVersion: 'v1', kind: 'Service', resource: 'services', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', resource: 'statefulsets', namespaced: true },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    resource: 'horizontalpodautoscalers',
    namespaced: true,
  },
];

/** What the test API server's user may not do: `get`, `list` or `patch` a resource, in a namespace or anywhere. */
export interface ObjectForbid {
  readonly verb: 'get' | 'list' | 'patch';
  /** `deployments`, `configmaps` … */
  readonly resource: string;
  readonly namespace?: string;
}

export interface FakeObjectsOptions {
  /** Custom resources served (CRDs installed): their kinds. */
  readonly crds?: readonly KindDef[];
  readonly forbid?: readonly ObjectForbid[];
  /** A validating admission webhook: a message denies the object. */
  readonly deny?: { readonly webhook: string; readonly check: (obj: Plain) => string | undefined };
}

export interface FieldEdit {
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
}

const USER = 'kubewise-test';

export class FakeObjects {
  private readonly kinds: KindDef[];
  private readonly store = new Map<string, Plain>();
  private rv = 1000;
  private clock = Date.parse('2026-12-01T08:00:00Z');
  /** Every request that changed the store (method and path): a read-only client leaves it empty. */
  readonly writes: string[] = [];
  /** Every PATCH (path with query, content type and body), for tests of the wire format. */
  readonly patches: Array<{ url: string; contentType: string; body: string }> = [];

  constructor(private readonly opts: FakeObjectsOptions = {}) {
    this.kinds = [...BUILT_IN, ...(opts.crds ?? [])];
  }

  private now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  private key(def: KindDef, ns: string | undefined, name: string): string {
    return `${def.apiVersion}/${def.resource}/${ns ?? ''}/${name}`;
  }

  private defOf(apiVersion: string, kind: string): KindDef {
    const def = this.kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
    if (!def) throw new Error(`fake-objects: unknown kind ${apiVersion} ${kind}`);
    return def;
  }

  /** An object as `kubectl apply` (client side) would have created it: defaulted, mutated, with managedFields. */
  seed(obj: Plain, manager = 'kubectl-client-side-apply'): Plain {
    const def = this.defOf(String(obj.apiVersion), String(obj.kind));
    const live = clone(obj);
    const meta = (live.metadata ??= {}) as Plain;
    if (def.namespaced) meta.namespace ??= 'default';
    const time = this.now();
    meta.uid = randomUUID();
    meta.resourceVersion = String(++this.rv);
    meta.generation = 1;
    meta.creationTimestamp = time;
    meta.annotations = {
      ...(isMap(meta.annotations) ? meta.annotations : {}),
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(obj) + '\n',
    };
    defaults(live);
    mutate(live);
    meta.managedFields = [
      {
        manager,
        operation: 'Update',
        apiVersion: def.apiVersion,
        time,
        fieldsType: 'FieldsV1',
        fieldsV1: fieldsOf(obj),
      },
    ];
    if (def.kind === 'Deployment' || def.kind === 'StatefulSet') {
      const replicas = (live.spec as Plain).replicas;
      live.status = { observedGeneration: 1, replicas, readyReplicas: replicas, availableReplicas: replicas };
    }
    this.store.set(this.key(def, meta.namespace as string | undefined, String(meta.name)), live);
    return live;
  }

  /**
   * Changes live fields as another client would (`kubectl edit`, a controller, an autoscaler through the scale
   * subresource): the values, a new resourceVersion, and a managedFields entry of that manager for those fields.
   */
  edit(
    ref: { apiVersion: string; kind: string; name: string; namespace?: string },
    edits: readonly FieldEdit[],
    manager: string,
    subresource?: string,
  ): void {
    const def = this.defOf(ref.apiVersion, ref.kind);
    const live = this.store.get(this.key(def, def.namespaced ? (ref.namespace ?? 'default') : undefined, ref.name));
    if (!live) throw new Error(`fake-objects: no ${ref.kind} ${ref.name}`);
    const fields: Plain = {};
    for (const e of edits) {
      setPath(live, e.path, e.value);
      let f = fields;
      let cur: unknown = live;
      for (const seg of e.path) {
        const item = Array.isArray(cur) ? cur[seg as number] : undefined;
        const k =
          typeof seg === 'number'
            ? isMap(item) && 'name' in item
              ? `k:${JSON.stringify({ name: item.name })}`
              : `i:${seg}`
            : `f:${seg}`;
        f = (f[k] ??= {}) as Plain;
        cur = Array.isArray(cur) ? cur[seg as number] : isMap(cur) ? cur[seg as string] : undefined;
      }
    }
    const meta = live.metadata as Plain;
    meta.resourceVersion = String(++this.rv);
    (meta.managedFields as Plain[]).push({
      manager,
      operation: 'Update',
      apiVersion: def.apiVersion,
      time: this.now(),
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
      ...(subresource ? { subresource } : {}),
    });
  }

  get(apiVersion: string, kind: string, name: string, namespace = 'default'): Plain | undefined {
    const def = this.defOf(apiVersion, kind);
    return this.store.get(this.key(def, def.namespaced ? namespace : undefined, name));
  }

  private forbidden(verb: ObjectForbid['verb'], def: KindDef, ns: string | undefined): boolean {
    return (this.opts.forbid ?? []).some(
      (f) => f.verb === verb && f.resource === def.resource && (f.namespace === undefined || f.namespace === ns),
    );
  }

  /** Answers the request when it is about stored kinds (true), else leaves it to the caller (false). */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const path = url.pathname.replace(/\/$/, '');
    for (const gv of new Set(this.kinds.map((k) => k.apiVersion))) {
      const prefix = gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`;
      if (path === prefix && gv !== 'v1') {
        send(res, 200, {
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: gv,
          resources: this.kinds
            .filter((k) => k.apiVersion === gv)
            .flatMap((k) => [
              {
                name: k.resource,
                singularName: k.kind.toLowerCase(),
                namespaced: k.namespaced,
                kind: k.kind,
                verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
              },
              ...(k.kind === 'Deployment' || k.kind === 'StatefulSet'
                ? [
                    {
                      name: `${k.resource}/scale`,
                      singularName: '',
                      namespaced: true,
                      kind: 'Scale',
                      verbs: ['get', 'patch', 'update'],
                    },
                  ]
                : []),
            ]),
        });
        return true;
      }
      if (!path.startsWith(`${prefix}/`)) continue;
      const rest = path
        .slice(prefix.length + 1)
        .split('/')
        .map(decodeURIComponent);
      let ns: string | undefined;
      if (rest[0] === 'namespaces' && rest.length >= 3) {
        ns = rest[1];
        rest.splice(0, 2);
      }
      const def = this.kinds.find((k) => k.apiVersion === gv && k.resource === rest[0]);
      if (!def || rest.length > 2) continue;
      void this.handle(req, res, url, def, ns, rest[1]);
      return true;
    }
    if (path === '/api/v1') {
      send(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          {
            name: 'namespaces',
            singularName: 'namespace',
            namespaced: false,
            kind: 'Namespace',
            verbs: ['get', 'list'],
          },
          { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'] },
          { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'] },
          ...this.kinds
            .filter((k) => k.apiVersion === 'v1')
            .map((k) => ({
              name: k.resource,
              singularName: k.kind.toLowerCase(),
              namespaced: k.namespaced,
              kind: k.kind,
              verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
            })),
        ],
      });
      return true;
    }
    return false;
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    def: KindDef,
    ns: string | undefined,
    name: string | undefined,
  ): Promise<void> {
    const group = def.apiVersion.includes('/') ? def.apiVersion.split('/')[0]! : '';
    const full = group ? `${def.resource}.${group}` : def.resource;
    const deny = (verb: string) =>
      status(
        res,
        403,
        'Forbidden',
        `${name ? `${full} "${name}"` : full} is forbidden: User "${USER}" cannot ${verb} resource "${def.resource}" in API group "${group}" ${ns ? `in the namespace "${ns}"` : 'at the cluster scope'}`,
        { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: def.resource },
      );
    const missing = () =>
      status(res, 404, 'NotFound', `${full} "${name}" not found`, {
        name,
        ...(group ? { group } : {}),
        kind: def.resource,
      });

    if (req.method === 'GET' && !name) {
      if (this.forbidden('list', def, ns)) return deny('list');
      const items = [...this.store.values()]
        .filter((o) => o.kind === def.kind && o.apiVersion === def.apiVersion)
        .filter((o) => ns === undefined || (o.metadata as Plain).namespace === ns)
        .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
      return send(res, 200, {
        kind: `${def.kind}List`,
        apiVersion: def.apiVersion,
        metadata: { resourceVersion: String(this.rv) },
        items,
      });
    }
    if (!name)
      return status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const key = this.key(def, ns, name);
    if (req.method === 'GET') {
      if (this.forbidden('get', def, ns)) return deny('get');
      const o = this.store.get(key);
      return o ? send(res, 200, o) : missing();
    }
    if (req.method !== 'PATCH') {
      this.writes.push(`${req.method} ${url.pathname}`);
      return status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '');
    this.patches.push({ url: url.pathname + url.search, contentType, body: text });
    if (this.forbidden('patch', def, ns)) return deny('patch');
    if (contentType !== 'application/apply-patch+yaml')
      return status(
        res,
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    const dryRun = url.searchParams.get('dryRun') === 'All';
    const manager = url.searchParams.get('fieldManager');
    if (!manager)
      return status(
        res,
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    let patch: Plain;
    try {
      patch = JSON.parse(text) as Plain;
    } catch (e) {
      return status(res, 400, 'BadRequest', `error decoding YAML: ${String(e)}`);
    }
    const live = this.store.get(key);
    const pMeta = (patch.metadata ?? {}) as Plain;
    if (
      live &&
      typeof pMeta.resourceVersion === 'string' &&
      pMeta.resourceVersion !== (live.metadata as Plain).resourceVersion
    ) {
      return status(
        res,
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${full} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name, ...(group ? { group } : {}), kind: def.resource },
      );
    }
    const denied = this.opts.deny?.check(patch);
    if (denied)
      return status(res, 400, '', `admission webhook "${this.opts.deny!.webhook}" denied the request: ${denied}`);
    if (live && url.searchParams.get('force') !== 'true') {
      const conflicts = conflictsOf(live, patch, manager);
      if (conflicts.length) {
        return status(
          res,
          409,
          'Conflict',
          `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${conflicts.map((c) => `conflict with "${c.manager}" using ${def.apiVersion}: ${c.field}`).join('\n')}`,
          {
            causes: conflicts.map((c) => ({
              reason: 'FieldManagerConflict',
              message: `conflict with "${c.manager}" using ${def.apiVersion}`,
              field: c.field,
            })),
          },
        );
      }
    }
    const base = live ? clone(live) : { metadata: { name, ...(ns ? { namespace: ns } : {}) } };
    const merged = merge(base, patch) as Plain;
    defaults(merged);
    mutate(merged);
    const meta = merged.metadata as Plain;
    const time = this.now();
    if (!live) {
      meta.uid = randomUUID();
      meta.creationTimestamp = time;
      meta.generation = 1;
    } else if (JSON.stringify(merged.spec) !== JSON.stringify(live.spec)) {
      meta.generation = Number((live.metadata as Plain).generation ?? 1) + 1;
    }
    const managed = ((live?.metadata as Plain | undefined)?.managedFields as Plain[] | undefined) ?? [];
    meta.managedFields = [
      ...managed.filter((m) => m.manager !== manager || m.operation !== 'Apply'),
      {
        manager,
        operation: 'Apply',
        apiVersion: def.apiVersion,
        time,
        fieldsType: 'FieldsV1',
        fieldsV1: fieldsOf(patch),
      },
    ];
    if (!dryRun) {
      meta.resourceVersion = String(++this.rv);
      this.store.set(key, merged);
      this.writes.push(`PATCH ${url.pathname}`);
    }
    return send(res, live ? 200 : 201, merged);
  }
}

export function status(res: ServerResponse, code: number, reason: string, message: string, details?: object): void {
  send(res, code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  });
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function setPath(obj: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let cur = obj as Plain;
  path.forEach((seg, i) => {
    if (i === path.length - 1) (cur as Record<string | number, unknown>)[seg] = value;
    else cur = (cur as Record<string | number, unknown>)[seg] as Plain;
  });
}

const named = (l: unknown[]) => l.length > 0 && l.every((x) => isMap(x) && typeof x.name === 'string');

/** Server-side apply's merge, as far as these kinds need: maps by key, lists of named items by name, others whole. */
function merge(live: unknown, patch: unknown): unknown {
  if (isMap(live) && isMap(patch)) {
    const out: Plain = { ...live };
    for (const [k, v] of Object.entries(patch)) out[k] = k in live ? merge(live[k], v) : clone(v);
    return out;
  }
  if (Array.isArray(live) && Array.isArray(patch) && named(live) && named(patch)) {
    const out = patch.map((p) => {
      const l = live.find((x) => (x as Plain).name === (p as Plain).name);
      return l ? merge(l, p) : clone(p);
    });
    return out;
  }
  return clone(patch);
}

/** The set of fields an object writes, as the API server records it (FieldsV1). */
export function fieldsOf(v: unknown): Plain {
  const out: Plain = {};
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'apiVersion' || k === 'kind') continue;
      out[`f:${k}`] = fieldsOfValue(x);
    }
  }
  return out;
}

function fieldsOfValue(x: unknown): Plain {
  if (isMap(x)) return fieldsOf(x);
  if (Array.isArray(x) && named(x)) {
    const out: Plain = {};
    for (const item of x as Plain[]) out[`k:${JSON.stringify({ name: item.name })}`] = { '.': {}, ...fieldsOf(item) };
    return out;
  }
  return {};
}

/** Leaves of `patch` whose live value differs and that another manager owns: what a non-forced apply refuses. */
function conflictsOf(live: Plain, patch: Plain, manager: string): Array<{ manager: string; field: string }> {
  const out: Array<{ manager: string; field: string }> = [];
  const owners = ((live.metadata as Plain).managedFields as Plain[]).filter((m) => m.manager !== manager);
  const walk = (p: unknown, l: unknown, fields: Array<Plain | undefined>, at: string) => {
    if (isMap(p) && isMap(l)) {
      for (const [k, v] of Object.entries(p)) {
        if (at === '' && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
        walk(
          v,
          l[k],
          fields.map((f) => f?.[`f:${k}`] as Plain | undefined),
          `${at}.${k}`,
        );
      }
      return;
    }
    if (JSON.stringify(p) === JSON.stringify(l)) return;
    fields.forEach((f, i) => {
      if (f) out.push({ manager: String(owners[i]!.manager), field: at });
    });
  };
  walk(
    patch,
    live,
    owners.map((m) => m.fieldsV1 as Plain),
    '',
  );
  return out;
}

/** The API server's defaulting for these kinds (a subset of what kube-apiserver fills in, in its wire format). */
function defaults(o: Plain): void {
  const spec = isMap(o.spec) ? o.spec : undefined;
  if (o.kind === 'Deployment' && spec) {
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  }
  if (o.kind === 'StatefulSet' && spec) {
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.revisionHistoryLimit ??= 10;
  }
  if (o.kind === 'Service' && spec) {
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    for (const p of Array.isArray(spec.ports) ? (spec.ports as Plain[]) : []) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
  }
  const template = isMap(spec?.template) ? spec.template : undefined;
  if (template) {
    const meta = (template.metadata ??= {}) as Plain;
    if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
    const pod = (template.spec ??= {}) as Plain;
    pod.restartPolicy ??= 'Always';
    pod.terminationGracePeriodSeconds ??= 30;
    pod.dnsPolicy ??= 'ClusterFirst';
    pod.securityContext ??= {};
    pod.schedulerName ??= 'default-scheduler';
    for (const c of Array.isArray(pod.containers) ? (pod.containers as Plain[]) : []) {
      const image = String(c.image ?? '');
      c.imagePullPolicy ??= /:latest$|^[^:]*$/.test(image.split('/').pop() ?? '') ? 'Always' : 'IfNotPresent';
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.resources ??= {};
      for (const p of Array.isArray(c.ports) ? (c.ports as Plain[]) : []) p.protocol ??= 'TCP';
    }
  }
}

/** A mutating admission webhook (a policy engine): it stamps every pod template it admits. */
function mutate(o: Plain): void {
  const template = isMap(o.spec) && isMap(o.spec.template) ? o.spec.template : undefined;
  if (!template) return;
  const meta = (template.metadata ??= {}) as Plain;
  meta.annotations = { ...(isMap(meta.annotations) ? meta.annotations : {}), 'policy.example.com/admitted': 'true' };
}
