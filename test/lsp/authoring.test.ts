/**
 * Writing manifests in the built language server over stdio: completion (schema keys, enums, kinds and
 * apiVersions, the kind skeleton, values from the workspace), hover (fields, quantities, references), the outline
 * and workspace symbols, and CRD schemas from the workspace and from `kubewise.crds`. Texts are written in several
 * styles (flow mappings, comments, CRLF, several documents, the cursor at the end of the file); the cursor is `|`.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Hover,
  MarkupContent,
  Position,
  SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import {
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, LspClient, onlyRules, repoRoot, said } from '../support/lsp-client';

const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'authoring');
const WORKSPACE = join(FIXTURES, 'workspace');

/** Splits `|` out of a text: the text and the cursor's position. */
function cursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor in the text');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, position: TextDocument.create('x', 'yaml', 1, text).positionAt(offset) };
}

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

describe('authoring in the language server', () => {
  let client: LspClient;
  let n = 0;

  /** Opens a new document (inside the workspace folder, not on disk) with the text and asks at the cursor. */
  async function openAt(marked: string): Promise<{ uri: string; position: Position }> {
    const { text, position } = cursor(marked);
    const uri = fileUri(join(WORKSPACE, `edited-${++n}.yaml`));
    await client.open(uri, text);
    return { uri, position };
  }

  async function complete(marked: string): Promise<CompletionItem[]> {
    const { uri, position } = await openAt(marked);
    const res = (await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as
      | CompletionItem[]
      | CompletionList
      | null;
    await client.close(uri);
    return Array.isArray(res) ? res : (res?.items ?? []);
  }

  async function hover(marked: string): Promise<Hover | null> {
    const { uri, position } = await openAt(marked);
    const res = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    await client.close(uri);
    return res;
  }

  const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

  before(async () => {
    client = await LspClient.start({
      workspaceFolders: [WORKSPACE],
      settings: () => ({
        rules: onlyRules(['pvc-not-found', 'schema-violation', 'unknown-field']),
        crds: [join(FIXTURES, 'external', '*-crd.yaml')],
      }),
    });
    // the index is read in the background: wait until it holds the claim (pvc-not-found falls silent)
    const uri = fileUri(join(WORKSPACE, 'app.yaml'));
    const mark = client.mark();
    await client.open(uri, (await import('node:fs')).readFileSync(join(WORKSPACE, 'app.yaml'), 'utf8'));
    await client.diagnostics(uri, mark, (p) => p.diagnostics.length === 0);
    await client.close(uri);
  });
  after(async () => {
    await client.kill();
  });

  it('announces completion, hover and both symbol providers', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider, { triggerCharacters: [' ', ':'] });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.workspaceSymbolProvider, true);
  });

  describe('keys from the schema', () => {
    it('offers required keys first and marked, each with its type and description', async () => {
      const items = await complete('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  |\n');
      assert.deepEqual(labels(items).slice(0, 4), ['selector', 'template', 'minReadySeconds', 'paused']);
      const selector = items[0];
      assert.equal(selector.detail, 'required · LabelSelector');
      assert.deepEqual(selector.labelDetails, { description: 'required' });
      assert.deepEqual(selector.textEdit, { range: r(5, 2, 5, 2), newText: 'selector:\n    ' });
      assert.equal(selector.insertTextMode, 1);
      const doc = selector.documentation as MarkupContent;
      assert.equal(doc.kind, 'markdown');
      assert.match(doc.value, /^Label selector for pods\./);
      assert.match(
        doc.value,
        /\[API reference\]\(https:\/\/kubernetes\.io\/docs\/reference\/generated\/kubernetes-api\/v1\.33\/#deployment-v1-apps\)$/,
      );
      const replicas = items.find((i) => i.label === 'replicas')!;
      assert.equal(replicas.detail, 'integer');
      assert.equal(replicas.labelDetails, undefined);
      assert.deepEqual(replicas.textEdit, { range: r(5, 2, 5, 2), newText: 'replicas: ' });
      assert.ok(!labels(items).includes('status'));
    });

    it('leaves out keys already present and replaces the word typed so far', async () => {
      const items = await complete(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      ima|\n      image: x\n',
      );
      assert.ok(!labels(items).includes('name'));
      assert.ok(!labels(items).includes('image'));
      const pull = items.find((i) => i.label === 'imagePullPolicy')!;
      assert.deepEqual(pull.textEdit, { range: r(7, 6, 7, 9), newText: 'imagePullPolicy: ' });
      const ports = items.find((i) => i.label === 'ports')!;
      assert.equal(ports.detail, '[]ContainerPort');
      assert.deepEqual(ports.textEdit, { range: r(7, 6, 7, 9), newText: 'ports:\n        - ' });
    });

    it('completes inside a flow mapping without line breaks', async () => {
      const items = await complete(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, |}]}\n',
      );
      const resources = items.find((i) => i.label === 'resources')!;
      assert.deepEqual(resources.textEdit, { range: r(3, 30, 3, 30), newText: 'resources: ' });
      assert.ok(!labels(items).includes('name'));
    });

    it('keeps CRLF line breaks in what it inserts', async () => {
      const items = await complete('apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: a\r\nspec:\r\n  |\r\n');
      const ports = items.find((i) => i.label === 'ports')!;
      assert.deepEqual(ports.textEdit, { range: r(5, 2, 5, 2), newText: 'ports:\r\n    - ' });
    });

    it('completes in the second document of a file with comments, only from that document', async () => {
      const items = await complete(
        '# two objects\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # the config\ndata: {}\n---\n# the second\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n|\n',
      );
      assert.deepEqual(labels(items), ['data', 'immutable', 'stringData', 'type']);
    });
  });

  describe('values', () => {
    it('offers enum values', async () => {
      const items = await complete(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      imagePullPolicy: |\n',
      );
      assert.deepEqual(
        items.map((i) => [i.label, i.kind, i.detail, i.textEdit]),
        ['Always', 'IfNotPresent', 'Never'].map((v) => [v, 20, 'string', { range: r(7, 23, 7, 23), newText: v }]),
      );
    });

    it('offers booleans', async () => {
      const items = await complete('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  hostNetwork: t|');
      assert.deepEqual(
        items.map((i) => [i.label, i.textEdit]),
        [
          ['false', { range: r(5, 15, 5, 16), newText: 'false' }],
          ['true', { range: r(5, 15, 5, 16), newText: 'true' }],
        ],
      );
    });

    it('offers the values of a list of enums', async () => {
      const items = await complete(
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: a\nspec:\n  accessModes:\n    - |\n',
      );
      assert.deepEqual(labels(items), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
    });

    it('offers the values of a list of enums written as a flow sequence', async () => {
      const items = await complete(
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: a}\nspec:\n  accessModes: [ReadWriteOnce, Read|]\n',
      );
      assert.deepEqual(
        items.map((i) => [i.label, i.textEdit]),
        ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'].map((v) => [
          v,
          { range: r(4, 31, 4, 35), newText: v },
        ]),
      );
    });

    it('offers the kinds an apiVersion serves, and the apiVersions of a kind', async () => {
      assert.deepEqual(labels(await complete('apiVersion: autoscaling/v2\nkind: |\n')), ['HorizontalPodAutoscaler']);
      const versions = await complete('kind: HorizontalPodAutoscaler\napiVersion: |');
      assert.deepEqual(
        versions.map((i) => [i.label, i.preselect]),
        [
          ['autoscaling/v2', true],
          ['autoscaling/v1', undefined],
        ],
      );
    });

    it('offers the kinds of the workspace CRDs', async () => {
      const items = await complete('apiVersion: example.com/v1\nkind: |\n');
      assert.deepEqual(labels(items), ['Widget']);
      const gadget = await complete('apiVersion: tools.example.org/v1alpha1\nkind: G|');
      assert.deepEqual(labels(gadget), ['Gadget']);
    });

    it('writes a skeleton of the required fields when a kind is chosen in a new document (cursor at the end)', async () => {
      const items = await complete('kind: |');
      const deployment = items.find((i) => i.label === 'Deployment')!;
      assert.equal(deployment.insertTextFormat, 2);
      assert.equal(deployment.detail, 'apps/v1 · with its required fields');
      assert.deepEqual(deployment.textEdit, {
        range: r(0, 6, 0, 6),
        newText: [
          'Deployment',
          'metadata:',
          '  name: ${1:name}',
          'spec:',
          '  selector:',
          '    matchLabels:',
          '      app: ${1}',
          '  template:',
          '    metadata:',
          '      labels:',
          '        app: ${1}',
          '    spec:',
          '      containers:',
          '        - name: ${2:${1}}',
          '          image: ${3:image}',
        ].join('\n'),
      });
      assert.deepEqual(deployment.additionalTextEdits, [{ range: r(0, 0, 0, 0), newText: 'apiVersion: apps/v1\n' }]);
    });
  });

  describe('values from the workspace', () => {
    const pod = (body: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n${body}`;

    it('claimName: the claims of the namespace', async () => {
      const items = await complete(
        pod(
          '  containers: [{name: a, image: a}]\n  volumes:\n    - name: d\n      persistentVolumeClaim:\n        claimName: |\n',
        ),
      );
      assert.deepEqual(
        items.map((i) => [i.label, i.detail, i.textEdit]),
        [['web-data', 'PersistentVolumeClaim · claim.yaml:1', { range: r(10, 19, 10, 19), newText: 'web-data' }]],
      );
    });

    it('storageClassName: the StorageClasses', async () => {
      const items = await complete(
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, namespace: shop}\nspec:\n  storageClassName: |\n',
      );
      assert.deepEqual(labels(items), ['fast', 'slow']);
    });

    it('serviceAccountName: the ServiceAccounts of the namespace', async () => {
      assert.deepEqual(labels(await complete(pod('  serviceAccountName: |\n'))), ['web-sa']);
    });

    it('configMapKeyRef and secretKeyRef: the names, then the keys of the one chosen', async () => {
      const env = (ref: string, inner: string): string =>
        pod(
          `  containers:\n    - name: a\n      env:\n        - name: X\n          valueFrom:\n            ${ref}:\n${inner}`,
        );
      assert.deepEqual(labels(await complete(env('configMapKeyRef', '              name: |\n'))), ['web-config']);
      assert.deepEqual(
        labels(await complete(env('configMapKeyRef', '              name: web-config\n              key: |\n'))),
        ['LOG_LEVEL', 'THEME'],
      );
      assert.deepEqual(labels(await complete(env('secretKeyRef', '              name: |\n'))), ['web-secret']);
      assert.deepEqual(
        labels(await complete(env('secretKeyRef', '              key: |\n              name: web-secret\n'))),
        ['API_TOKEN'],
      );
    });

    it('Ingress backends: the Services, then their ports', async () => {
      const ingress = (service: string): string =>
        `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n${service}`;
      assert.deepEqual(labels(await complete(ingress('                name: |\n'))), ['web']);
      assert.deepEqual(
        labels(
          await complete(ingress('                name: web\n                port:\n                  number: |\n')),
        ),
        ['80', '9090'],
      );
      assert.deepEqual(
        labels(await complete(ingress('                name: web\n                port: {name: |}\n'))),
        ['http', 'metrics'],
      );
    });

    it('scaleTargetRef.name: the workloads of that kind in the namespace', async () => {
      const items = await complete(
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: shop}\nspec:\n  maxReplicas: 3\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: |\n',
      );
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [['web', 'Deployment · app.yaml:2']],
      );
    });

    it('scaleTargetRef.name with no kind yet: the scalable workloads of the namespace', async () => {
      const items = await complete(
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: shop}\nspec:\n  scaleTargetRef: {name: |}\n',
      );
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [['web', 'Deployment · app.yaml:2']],
      );
    });

    it('selectors: the labels of the pod templates, then their values', async () => {
      const items = await complete(
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p, namespace: shop}\nspec:\n  selector:\n    matchLabels:\n      |\n',
      );
      assert.deepEqual(
        items.map((i) => [i.label, i.detail, i.textEdit?.newText]),
        [
          ['app', 'app: web · Deployment web', 'app: '],
          ['tier', 'tier: frontend · Deployment web', 'tier: '],
        ],
      );
      const values = await complete(
        'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector:\n    tier: |\n',
      );
      assert.deepEqual(labels(values), ['frontend']);
    });
  });

  describe('hover', () => {
    it('describes a field with its type and a link to the API reference', async () => {
      const h = await hover('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  restart|Policy: Always\n');
      assert.deepEqual(h?.range, r(5, 2, 5, 15));
      const value = (h?.contents as MarkupContent).value;
      assert.ok(value.startsWith('**restartPolicy** `string`\n\nRestart policy for all containers within the pod.'));
      assert.ok(
        value.endsWith(
          '[Pod v1 in the Kubernetes API reference](https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/#pod-v1-core)',
        ),
      );
    });

    it('marks a required field', async () => {
      const h = await hover('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - na|me: a\n');
      assert.match((h?.contents as MarkupContent).value, /^\*\*name\*\* `string` — required\n\nName of the container/);
    });

    it('gives the plain value of a quantity', async () => {
      const res = (q: string) =>
        `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      resources:\n        requests: {${q}}\n`;
      const mem = await hover(res('memory: 1.5G|i'));
      assert.deepEqual(mem, {
        contents: { kind: 'markdown', value: '`1.5Gi` = 1,610,612,736 bytes' },
        range: r(6, 27, 6, 32),
      });
      const cpu = await hover(res('cpu: 25|0m'));
      assert.deepEqual((cpu?.contents as MarkupContent).value, '`250m` = 0.25 CPU');
    });

    it('shows the claim a claimName points to, and its file', async () => {
      const h = await hover(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  volumes:\n    - name: d\n      persistentVolumeClaim: {claimName: web-d|ata}\n',
      );
      const claim = fileUri(join(WORKSPACE, 'claim.yaml'));
      assert.equal(
        (h?.contents as MarkupContent).value,
        `→ PersistentVolumeClaim **web-data** in namespace shop — [claim.yaml:1](${claim}#L1)`,
      );
    });

    it('shows the key a configMapKeyRef names with its value, and never a Secret value', async () => {
      const env = (ref: string, name: string, key: string): string =>
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: a\n      env:\n        - name: X\n          valueFrom: {${ref}: {name: ${name}, key: ${key}}}\n`;
      const config = fileUri(join(WORKSPACE, 'config.yaml'));
      const cm = await hover(env('configMapKeyRef', 'web-config', 'LOG_|LEVEL'));
      assert.equal(
        (cm?.contents as MarkupContent).value,
        `→ ConfigMap **web-config** in namespace shop — [config.yaml:1](${config}#L1), key **LOG_LEVEL** = \`info\``,
      );
      const secret = await hover(env('secretKeyRef', 'web-secret', 'API_|TOKEN'));
      assert.equal(
        (secret?.contents as MarkupContent).value,
        `→ Secret **web-secret** in namespace shop — [config.yaml:3](${config}#L3), key **API_TOKEN**`,
      );
      const missing = await hover(env('configMapKeyRef', 'web-config', 'NOPE|'));
      assert.match((missing?.contents as MarkupContent).value, /has no key \*\*NOPE\*\*$/);
    });

    it('shows the target of a scaleTargetRef', async () => {
      const h = await hover(
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: shop}\nspec:\n  scaleTarget|Ref: {apiVersion: apps/v1, kind: Deployment, name: web}\n',
      );
      const app = fileUri(join(WORKSPACE, 'app.yaml'));
      assert.equal(
        (h?.contents as MarkupContent).value.split('\n\n')[0],
        `→ Deployment **web** in namespace shop — [app.yaml:2](${app}#L2)`,
      );
    });

    it('shows the workloads a Service selector selects', async () => {
      const h = await hover(
        'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  sel|ector: {tier: frontend}\n',
      );
      const app = fileUri(join(WORKSPACE, 'app.yaml'));
      assert.equal(
        (h?.contents as MarkupContent).value.split('\n\n')[0],
        `Selects the pods of Deployment **web** in namespace shop — [app.yaml:2](${app}#L2)`,
      );
    });
  });

  describe('symbols', () => {
    it('outlines each document as Kind name with its containers', async () => {
      const { text } = cursor('|' + (await import('node:fs')).readFileSync(join(WORKSPACE, 'app.yaml'), 'utf8'));
      const uri = fileUri(join(WORKSPACE, 'outline.yaml'));
      await client.open(uri, text);
      const res = (await client.conn.sendRequest(DocumentSymbolRequest.type, {
        textDocument: { uri },
      })) as DocumentSymbol[];
      await client.close(uri);
      const flat = res.map((s) => ({
        name: s.name,
        kind: s.kind,
        range: s.range,
        selectionRange: s.selectionRange,
        children: s.children?.map((c) => [c.name, c.detail, c.range]),
      }));
      assert.deepEqual(flat, [
        {
          name: 'Deployment web',
          kind: 5,
          range: r(1, 0, 25, 0),
          selectionRange: r(4, 8, 4, 11),
          children: [
            ['web', 'container · nginx:1.27', r(17, 10, 19, 0)],
            ['log-shipper', 'container · fluent-bit:3.1', r(19, 10, 21, 0)],
          ],
        },
        {
          name: 'Service web',
          kind: 5,
          range: r(26, 0, 40, 0),
          selectionRange: r(29, 8, 29, 11),
          children: [],
        },
      ]);
    });

    it('keeps the outline current as the text changes (CRLF, a document added above)', async () => {
      const uri = fileUri(join(WORKSPACE, 'outline-crlf.yaml'));
      const one =
        'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\r\nkind: Secret\r\nmetadata: {name: s}\r\n';
      await client.open(uri, one);
      const names = async (): Promise<Array<[string, number, number]>> =>
        (
          (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[]
        ).map((s) => [s.name, s.range.start.line, s.selectionRange.start.character]);
      assert.deepEqual(await names(), [
        ['ConfigMap a', 0, 8],
        ['Secret s', 5, 17],
      ]);
      await client.change(
        uri,
        'kind: Namespace\r\nmetadata: {name: ns}\r\n---\r\n' + one.replace('name: s}', 'name: t}'),
      );
      assert.deepEqual(await names(), [
        ['Namespace ns', 0, 17],
        ['ConfigMap a', 3, 8],
        ['Secret t', 8, 17],
      ]);
      await client.close(uri);
    });

    it('finds every object of the workspace by Kind name', async () => {
      const res = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, {
        query: 'storageclass',
      })) as SymbolInformation[];
      assert.deepEqual(
        res.map((s) => [s.name, s.kind, s.location.uri.replace(/^.*\//, ''), s.location.range.start.line]).sort(),
        [
          ['StorageClass fast', 5, 'config.yaml', 14],
          ['StorageClass slow', 5, 'config.yaml', 20],
        ],
      );
    });
  });

  it('answers completion, hover and symbols on bad input without failing', async () => {
    const texts = [
      '',
      '\t\tkind: [',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: {{ .Values.name }}}\n',
      'a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n',
      'apiVersion: v1\nkind: Pod\nspec:\n' + '  '.repeat(1) + 'x:\n'.repeat(1) + '- '.repeat(200) + 'a\n',
      '\ufeff---\n---\n--- |\n  text\n...\n%YAML 1.2\n---\nkind: Pod\n',
      'apiVersion: v1\r\nkind: Service\r\nspec:\r\n  ports: [{port: 80, \u0000}]\r\n',
    ];
    for (const [i, text] of texts.entries()) {
      const uri = fileUri(join(WORKSPACE, `bad-${i}.yaml`));
      await client.open(uri, text);
      const doc = TextDocument.create(uri, 'yaml', 1, text);
      for (const offset of new Set([0, Math.floor(text.length / 2), text.length])) {
        const position = doc.positionAt(offset);
        await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      }
      await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      await client.close(uri);
    }
    assert.ok(client.alive);
    assert.deepEqual(
      client.logs.filter((l) => /(completion|hover|documentSymbol) failed/.test(l.message)).map((l) => l.message),
      [],
    );
  });

  describe('custom resources', () => {
    it('completes and describes a workspace CRD kind from its openAPIV3Schema', async () => {
      const items = await complete('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  |\n');
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [
          ['size', 'required · integer'],
          ['color', 'string'],
          ['enabled', 'boolean'],
        ],
      );
      assert.deepEqual(labels(await complete('apiVersion: example.com/v1\nkind: Widget\nspec:\n  color: |\n')), [
        'blue',
        'green',
        'red',
      ]);
      const h = await hover('apiVersion: example.com/v1\nkind: Widget\nspec:\n  si|ze: 3\n');
      const crd = fileUri(join(WORKSPACE, 'widget-crd.yaml'));
      assert.equal(
        (h?.contents as MarkupContent).value,
        `**size** \`integer\` — required\n\nNumber of parts.\n\nDefined by the CustomResourceDefinition in [widget-crd.yaml:1](${crd}#L1)`,
      );
    });

    it('checks a custom resource against its CRD: schema-violation and unknown-field', async () => {
      const uri = fileUri(join(WORKSPACE, 'widget.yaml'));
      const mark = client.mark();
      await client.open(
        uri,
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\nspec:\n  colr: red # typo\n  enabled: "yes"\n',
      );
      const diags = await client.diagnostics(uri, mark);
      await client.close(uri);
      diags.sort((a, b) => a.range.start.line - b.range.start.line);
      assert.deepEqual(
        diags.map((d) => [d.code, said(d), d.range]),
        [
          ['schema-violation', 'missingRequiredField {field=size, what=spec}', r(3, 0, 3, 4)],
          [
            'unknown-field',
            'didYouMean {candidate=color, key=colr, type=spec of Widget (CustomResourceDefinition widgets.example.com)}',
            r(4, 2, 4, 6),
          ],
          ['schema-violation', 'wrongType {expected=true or false, got="yes", what=spec.enabled}', r(5, 11, 5, 16)],
        ],
      );
    });

    it('checks a custom resource against a CRD of kubewise.crds, and never reports kinds no CRD defines', async () => {
      const uri = fileUri(join(WORKSPACE, 'gadget.yaml'));
      const mark = client.mark();
      await client.open(
        uri,
        'apiVersion: tools.example.org/v1alpha1\nkind: Gadget\nmetadata: {name: g}\nspec: {mode: slow}\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: sm}\nspec: {anything: [1, 2], endpoints: {port: 3}}\n',
      );
      const diags = await client.diagnostics(uri, mark);
      await client.close(uri);
      assert.deepEqual(
        diags.map((d) => [d.code, said(d), d.range]),
        [['schema-violation', 'valueNotAllowed {allowed=fast, safe, got="slow", what=spec.mode}', r(3, 13, 3, 17)]],
      );
    });

    it('completes a CRD kind from a kubewise.crds file outside the workspace', async () => {
      const items = await complete('apiVersion: tools.example.org/v1alpha1\nkind: Gadget\nspec:\n  mode: |');
      assert.deepEqual(labels(items), ['fast', 'safe']);
    });
  });
});
