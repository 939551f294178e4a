/**
 * Drift without a cluster: normalisation, the difference of two objects, who set a field (managedFields), where a
 * difference lands in the manifest (through the language server's own object table), and the words shown.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { differences, formatPath } from '../../client/src/drift/diff';
import { PathLines } from '../../client/src/drift/lines';
import { managerOf } from '../../client/src/drift/managers';
import { normalise } from '../../client/src/drift/normalise';
import { age, fieldMessage, lensTitle, showValue } from '../../client/src/drift/present';
import { assertReadOnly, WriteRefused } from '../../client/src/drift/connection-access';
import { driftObjectsOf } from '../../server/src/lsp/drift';

const LIVE = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'prod',
    uid: '0b3c',
    resourceVersion: '1234',
    generation: 7,
    creationTimestamp: '2026-12-01T08:00:00Z',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1"}',
      'deployment.kubernetes.io/revision': '3',
      team: 'shop',
    },
    managedFields: [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2026-12-01T08:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:replicas': {},
            'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {} } } } },
          },
        },
      },
      {
        manager: 'kubectl-edit',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2026-12-02T09:30:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } },
        },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'scale',
        apiVersion: 'apps/v1',
        time: '2026-12-02T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      },
    ],
  },
  spec: {
    replicas: 5,
    template: {
      spec: {
        containers: [
          { name: 'sidecar', image: 'envoy:1.30' },
          { name: 'web', image: 'shop:1.3' },
        ],
      },
    },
  },
  status: { replicas: 5 },
};

describe('normalise', () => {
  test('drops status, server metadata and server-set annotations, keeps what the author writes', () => {
    const n = normalise(LIVE);
    assert.deepEqual(n.metadata, { name: 'web', namespace: 'prod', annotations: { team: 'shop' } });
    assert.equal('status' in n, false);
    assert.deepEqual(n.spec, LIVE.spec);
    assert.ok(LIVE.metadata.managedFields.length === 3, 'the input is left as it was');
  });

  test('an annotations map left empty is dropped (last-applied-configuration alone is never drift)', () => {
    const n = normalise({
      metadata: { name: 'a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
    });
    assert.deepEqual(n.metadata, { name: 'a' });
  });
});

describe('differences', () => {
  const manifest = {
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'shop:1.2' }] } } },
  };
  const applied = {
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            { name: 'sidecar', image: 'envoy:1.30' },
            { name: 'web', image: 'shop:1.2' },
          ],
        },
      },
    },
  };

  test('named list items are matched by name, and the manifest path uses the manifest index', () => {
    const d = differences(applied, { spec: normalise(LIVE).spec }, manifest);
    const byPath = Object.fromEntries(d.map((x) => [formatPath(x.livePath), x]));
    assert.deepEqual(Object.keys(byPath).sort(), ['spec.replicas', 'spec.template.spec.containers[1].image']);
    const image = byPath['spec.template.spec.containers[1].image']!;
    assert.deepEqual(image.manifestPath, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(image.live, 'shop:1.3');
    assert.equal(image.applied, 'shop:1.2');
  });

  test('equal objects have no difference, whatever the key order', () => {
    assert.deepEqual(differences({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, {}), []);
  });

  test('a list of another length is one difference, not one per item', () => {
    const d = differences({ args: ['a', 'b'] }, { args: ['a'] }, { args: ['a', 'b'] });
    assert.deepEqual(
      d.map((x) => formatPath(x.livePath)),
      ['args'],
    );
  });
});

describe('managerOf', () => {
  test('names the latest manager of a keyed list item field', () => {
    const m = managerOf(LIVE, ['spec', 'template', 'spec', 'containers', 1, 'image']);
    assert.equal(m?.manager, 'kubectl-edit');
  });
  test('replicas written through the scale subresource', () => {
    const m = managerOf(LIVE, ['spec', 'replicas']);
    assert.deepEqual([m?.manager, m?.subresource], ['kube-controller-manager', 'scale']);
  });
  test('a field no manager claims has none', () => {
    assert.equal(managerOf(LIVE, ['spec', 'paused']), undefined);
    assert.equal(managerOf({ metadata: {} }, ['spec']), undefined);
  });
});

const MANIFEST = `# a comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: shop:1.2
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web-hpa, namespace: prod }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 5
`;

describe('line mapping through kubewise/driftObjects', () => {
  const doc = TextDocument.create('file:///w/web.yaml', 'yaml', 3, MANIFEST);
  const result = driftObjectsOf(doc, doc.uri);

  test('each object with its plain body, first line and version', () => {
    assert.equal(result.version, 3);
    assert.deepEqual(
      result.objects.map((o) => [o.kind, o.name, o.namespace, o.anchor.start.line]),
      [
        ['Deployment', 'web', 'prod', 1],
        ['HorizontalPodAutoscaler', 'web-hpa', 'prod', 14],
      ],
    );
    assert.deepEqual(result.objects[0]!.body.spec, {
      replicas: 2,
      template: { spec: { containers: [{ name: 'web', image: 'shop:1.2' }] } },
    });
  });

  test('a written value lands on its own line; an unwritten one on the deepest key on its way', () => {
    const lines = new PathLines(result.objects[0]!);
    const image = lines.locate(['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.deepEqual(
      [image.range.start.line, image.range.start.character, image.range.end.character, image.exact],
      [12, 10, 25, true],
    );
    const pull = lines.locate(['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
    assert.deepEqual([pull.range.start.line, pull.exact], [11, false]);
    assert.equal(lines.locate(['status']).range.start.line, 1);
    const flow = new PathLines(result.objects[1]!).locate(['spec', 'scaleTargetRef', 'name']);
    assert.deepEqual([flow.range.start.line, flow.exact], [18, true]);
  });
});

describe('words', () => {
  const base = { object: {} as never, ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a' }, managed: [] };
  const now = Date.parse('2026-12-02T12:00:00Z');
  test('lens titles name the context', () => {
    assert.equal(lensTitle({ ...base, state: { kind: 'in-sync' } }, 'prod', now), '$(check) in sync with prod');
    assert.equal(
      lensTitle({ ...base, state: { kind: 'missing' } }, 'prod', now),
      '$(circle-slash) not in the cluster (prod)',
    );
    const d = { livePath: ['data', 'x'], manifestPath: ['data', 'x'], live: '1', applied: '2' };
    assert.equal(
      lensTitle(
        {
          ...base,
          state: { kind: 'drift', fields: [{ difference: d }, { difference: d }] },
          changedAt: '2026-12-02T09:30:00Z',
        },
        'prod',
        now,
      ),
      '$(diff) 2 fields differ (prod, changed 2 h ago)',
    );
  });
  test('values and ages', () => {
    assert.equal(showValue('shop:1.2'), 'shop:1.2');
    assert.equal(showValue('true'), '"true"');
    assert.equal(showValue(undefined), '(not set)');
    assert.equal(age('2026-12-02T11:58:00Z', now), '2 min ago');
    assert.equal(
      fieldMessage(
        { difference: { livePath: ['spec', 'replicas'], live: 5, applied: 2 }, manager: { manager: 'kubectl-edit' } },
        'prod',
      ),
      'Live in prod: spec.replicas is 5, set by kubectl-edit; the manifest gives 2.',
    );
  });
});

describe('read-only', () => {
  test('only GET and a dry-run PATCH may leave the process', () => {
    const u = (q: string) => new URL(`https://k/apis/apps/v1/namespaces/a/deployments/web${q}`);
    assert.doesNotThrow(() => assertReadOnly('GET', u('')));
    assert.doesNotThrow(() => assertReadOnly('PATCH', u('?dryRun=All&fieldManager=kubewise')));
    for (const [m, q] of [
      ['PATCH', '?fieldManager=kubewise'],
      ['PATCH', '?dryRun=All&dryRun=None'],
      ['PATCH', '?dryRun=all'],
      ['PUT', '?dryRun=All'],
      ['POST', '?dryRun=All'],
      ['DELETE', '?dryRun=All'],
    ] as const) {
      assert.throws(() => assertReadOnly(m, u(q)), WriteRefused, `${m} ${q}`);
    }
  });
});
