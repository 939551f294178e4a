import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { applyEdits } from '../../server/src/engine';
import { SimpleIndex } from '../../server/src/model/workspace';
import { companionProposals, siblingFileName } from '../../server/src/generate/companions';
import { lint } from '../support/lint';

const DEPLOY = `# the web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
    team: checkout
spec:
  replicas: 3 # three for the launch
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
        tier: frontend
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app.kubernetes.io/name: web
  ports:
    - port: 80
`;

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

test('a Deployment gets HPA, VPA and PDB proposals with its name, namespace and labels', () => {
  const ps = companionProposals(DEPLOY, at(2));
  assert.deepEqual(
    ps.map((p) => p.title),
    [
      'Add a HorizontalPodAutoscaler for Deployment web',
      'Add a VerticalPodAutoscaler for Deployment web',
      'Add a PodDisruptionBudget for Deployment web',
    ],
  );
  const [hpa, vpa, pdb] = ps.map((p) => parse(p.text));
  for (const o of [hpa, vpa, pdb]) {
    assert.deepEqual(o.metadata, {
      name: 'web',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/name': 'web', team: 'checkout' },
    });
  }
  assert.equal(hpa.apiVersion, 'autoscaling/v2');
  assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
  assert.equal(hpa.spec.minReplicas, 3, 'the HPA keeps the replicas the author chose as its minimum');
  assert.equal(hpa.spec.maxReplicas, 10);
  assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
  assert.ok(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds > 0);
  assert.equal(vpa.apiVersion, 'autoscaling.k8s.io/v1');
  assert.deepEqual(vpa.spec.targetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
  assert.equal(vpa.spec.updatePolicy.updateMode, 'Off');
  assert.deepEqual(vpa.spec.resourcePolicy.containerPolicies[0].minAllowed, { cpu: '25m', memory: '64Mi' });
  assert.equal(pdb.apiVersion, 'policy/v1');
  assert.deepEqual(pdb.spec, { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } });
});

test('the in-file variant lands right after the workload, keeps comments, and drops replicas for an HPA', () => {
  const [hpa, , pdb] = companionProposals(DEPLOY, at(8));
  const withHpa = applyEdits(DEPLOY, hpa.appendEdits);
  const docs = parseAllDocuments(withHpa).map((d) => d.toJS());
  assert.deepEqual(
    docs.map((d) => d.kind),
    ['Deployment', 'HorizontalPodAutoscaler', 'Service'],
  );
  assert.equal(docs[0].spec.replicas, undefined, 'spec.replicas is left to the HPA');
  assert.match(withHpa, /^# the web tier\n/);
  // The engine keeps every comment: the replicas line goes, its comment stays on a line of its own.
  assert.match(withHpa, /\nspec:\n {2}# three for the launch\n {2}selector:\n/);
  assert.match(withHpa, /memory: 128Mi\n---\napiVersion: autoscaling\/v2\n/);
  // The PDB does not touch the workload.
  assert.equal(pdb.workloadEdits.length, 0);
  const withPdb = applyEdits(DEPLOY, pdb.appendEdits);
  assert.match(withPdb, /replicas: 3 # three for the launch/);
  assert.equal(parseAllDocuments(withPdb).length, 3);
});

test('the generated objects pass the scaling rules that look at them', () => {
  const [hpa, vpa, pdb] = companionProposals(DEPLOY, at(2));
  // Together: the workload (replicas removed), its PDB, its HPA and its VPA (Off, so no conflict with the HPA).
  // The workload edits sit before the PDB's insertion point, so they still apply after it.
  const withPdb = applyEdits(DEPLOY, pdb.appendEdits);
  const all = applyEdits(withPdb, hpa.workloadEdits) + '---\n' + hpa.text + '---\n' + vpa.text;
  assert.equal(parseAllDocuments(all).length, 5);
  const ids = lint(all, undefined, { profile: 'recommended' })
    .filter((d) => /^(hpa|vpa|pdb|replicas)-/.test(d.ruleId))
    .map((d) => `${d.ruleId}@${d.range.start.line + 1}`);
  assert.deepEqual(ids, []);
});

test('a workload that already has a companion is not offered another', () => {
  const withHpa =
    DEPLOY +
    `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web-scaler, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
`;
  assert.deepEqual(
    companionProposals(withHpa, at(5)).map((p) => p.kind),
    ['vpa', 'pdb'],
  );
  // An HPA in another namespace does not count.
  assert.deepEqual(
    companionProposals(withHpa.replace('namespace: shop}', 'namespace: other}'), at(5)).map((p) => p.kind),
    ['hpa', 'vpa', 'pdb'],
  );
  // A PDB elsewhere in the workspace (the index, which also holds this text's objects) that selects the pods counts.
  const index = new SimpleIndex([
    {
      uri: 'file:///w/web.yaml',
      line: 1,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      labels: new Map(),
      templateLabels: undefined,
      value: {},
    },
    {
      uri: 'file:///w/pdb.yaml',
      line: 0,
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      name: 'web',
      namespace: 'shop',
      labels: new Map(),
      templateLabels: undefined,
      value: { spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } } },
    },
  ]);
  assert.deepEqual(
    companionProposals(DEPLOY, at(5), { index }).map((p) => p.kind),
    ['hpa', 'vpa'],
  );
});

test('only Deployments and StatefulSets, only under the cursor, and never on broken YAML', () => {
  assert.deepEqual(companionProposals(DEPLOY, at(40)), [], 'the Service gets nothing');
  // The header (the comment above, apiVersion, kind, metadata) gets the actions; the spec does not.
  assert.equal(companionProposals(DEPLOY, at(0)).length, 3, 'the comment line above the object');
  assert.equal(companionProposals(DEPLOY, at(8)).length, 3, 'the last metadata line');
  assert.deepEqual(companionProposals(DEPLOY, at(9)), [], 'the spec: line');
  assert.deepEqual(companionProposals(DEPLOY, at(22)), [], 'inside the pod spec');
  const sts = DEPLOY.replace('kind: Deployment', 'kind: StatefulSet');
  assert.equal(companionProposals(sts, at(3))[0].title, 'Add a HorizontalPodAutoscaler for StatefulSet web');
  assert.deepEqual(companionProposals('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n', at(1)), []);
  assert.deepEqual(
    companionProposals('apiVersion: apps/v1\nkind: Deployment\nspec: {}\n', at(1)),
    [],
    'no name, no proposal',
  );
  assert.deepEqual(companionProposals('', at(0)), []);
});

test('memory-only requests make a memory HPA; no namespace or labels are invented; CRLF is kept', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: db',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels: {app: db}',
    '    spec:',
    '      containers:',
    '        - name: db',
    '          image: postgres:17',
    '          resources: {requests: {memory: 1Gi}}',
    '',
  ].join('\r\n');
  const [hpa, , pdb] = companionProposals(text, at(1));
  const o = parse(hpa.text);
  assert.equal(o.spec.metrics[0].resource.name, 'memory');
  assert.equal(o.spec.minReplicas, 2);
  assert.deepEqual(o.metadata, { name: 'db' });
  assert.deepEqual(parse(pdb.text).spec.selector, { matchLabels: { app: 'db' } });
  assert.ok(hpa.text.includes('\r\n') && !/[^\r]\n/.test(hpa.text), "the new text uses the file's CRLF");
  const out = applyEdits(text, hpa.appendEdits);
  assert.equal(parseAllDocuments(out).length, 2);
});

test('sibling file names', () => {
  assert.equal(siblingFileName('file:///w/deploy/web.yaml', 'hpa'), 'file:///w/deploy/web-hpa.yaml');
  assert.equal(siblingFileName('/w/app.yml', 'pdb'), '/w/app-pdb.yml');
  assert.equal(siblingFileName('untitled:Untitled-1', 'vpa'), 'untitled:Untitled-1-vpa.yaml');
});
