import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../server/src/engine';
import type { Location } from '../../server/src/navigation';
import { definitionAt, referencesTo } from '../../server/src/navigation';
import type { Position } from '../../server/src/engine/types';

const FILES: Record<string, string> = {
  'file:///w/app/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web-sa
      containers:
        - name: web
          image: nginx:1.27
          envFrom:
            - configMapRef:
                name: web-config
          env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: web-secret
                  key: password
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: web-data
`,
  'file:///w/app/scaling.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  updatePolicy:
    updateMode: "Off"
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`,
  'file:///w/app/storage.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: web-data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  resources:
    requests:
      storage: 1Gi
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
`,
  'file:///w/app/network.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
  'file:///w/app/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secret
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web-sa
`,
  // Same names in another namespace: never confused with the ones above.
  'file:///w/other/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: other
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers: [{name: web, image: nginx:1.27}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: other
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
`,
};

function workspace(): Workspace {
  const ws = new Workspace();
  for (const [uri, text] of Object.entries(FILES)) ws.setFile(uri, text);
  return ws;
}

const textOf = (uri: string): string | undefined => FILES[uri];

/** The position of the last character of the `n`-th occurrence (0-based) of `needle` in a file. */
function at(uri: string, needle: string, n = 0): Position {
  return posIn(FILES[uri], needle, n);
}

function posIn(text: string, needle: string, n = 0): Position {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${n} not found`);
  }
  const before = text.slice(0, i + needle.length - 1).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** `file:line:col-line:col` (1-based) for compact assertions. */
function loc(l: Location): string {
  const r = l.range;
  return `${l.uri.replace('file:///w/', '')}:${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

function definition(uri: string, needle: string, n = 0): string[] {
  return definitionAt(workspace(), uri, FILES[uri], at(uri, needle, n), textOf).map(loc);
}

describe('go to definition', () => {
  test('HPA scaleTargetRef.name and VPA targetRef.name go to the workload of their namespace', () => {
    assert.deepEqual(definition('file:///w/app/scaling.yaml', 'name: web', 1), ['app/deploy.yaml:4:9-4:12']);
    assert.deepEqual(definition('file:///w/app/scaling.yaml', 'name: web', 3), ['app/deploy.yaml:4:9-4:12']);
    assert.deepEqual(definition('file:///w/other/app.yaml', 'name: web', 3), ['other/app.yaml:4:9-4:12']);
  });

  test('claimName, storageClassName, configMap/secret/ServiceAccount names go to their objects', () => {
    const deploy = 'file:///w/app/deploy.yaml';
    assert.deepEqual(definition(deploy, 'web-data'), ['app/storage.yaml:4:9-4:17']);
    assert.deepEqual(definition(deploy, 'web-config'), ['app/config.yaml:4:9-4:19']);
    assert.deepEqual(definition(deploy, 'web-secret'), ['app/config.yaml:9:9-9:19']);
    assert.deepEqual(definition(deploy, 'web-sa'), ['app/config.yaml:14:9-14:15']);
    assert.deepEqual(definition('file:///w/app/storage.yaml', 'fast'), ['app/storage.yaml:15:9-15:13']);
  });

  test('a Service selector and a PDB selector go to every workload whose pods they pick; an Ingress backend to its Service', () => {
    assert.deepEqual(definition('file:///w/app/network.yaml', 'app: web'), ['app/deploy.yaml:4:9-4:12']);
    assert.deepEqual(definition('file:///w/app/network.yaml', 'selector'), ['app/deploy.yaml:4:9-4:12']);
    assert.deepEqual(definition('file:///w/app/scaling.yaml', 'app: web'), ['app/deploy.yaml:4:9-4:12']);
    assert.deepEqual(definition('file:///w/app/network.yaml', 'name: web', 2), ['app/network.yaml:4:9-4:12']);
  });

  test('nothing outside a reference, nothing for a target outside the workspace', () => {
    assert.deepEqual(definition('file:///w/app/deploy.yaml', 'nginx'), []);
    assert.deepEqual(definition('file:///w/app/scaling.yaml', 'maxUnavailable'), []);
    const ws = workspace();
    const text = FILES['file:///w/app/deploy.yaml'].replace('claimName: web-data', 'claimName: missing');
    assert.deepEqual(definitionAt(ws, 'file:///w/app/deploy.yaml', text, posIn(text, 'missing'), textOf), []);
  });

  test('without the target file text, the location is the object line', () => {
    const ws = workspace();
    const uri = 'file:///w/app/deploy.yaml';
    assert.deepEqual(definitionAt(ws, uri, FILES[uri], at(uri, 'web-data')).map(loc), ['app/storage.yaml:1:1-1:1']);
  });
});

describe('find references', () => {
  test('from a workload: HPA, VPA, PDB and Service selector of its namespace, not those of another namespace', () => {
    const ws = workspace();
    const uri = 'file:///w/app/deploy.yaml';
    const refs = referencesTo(ws, uri, FILES[uri], at(uri, 'web'), { textOf }).map(loc).sort();
    assert.deepEqual(
      refs,
      [
        'app/network.yaml:6:3-7:13',
        'app/scaling.yaml:31:3-33:15',
        'app/scaling.yaml:9:11-9:14',
        'app/scaling.yaml:21:11-21:14',
      ].sort(),
    );
  });

  test('from a claim, with its declaration; and the same from the claimName reference itself', () => {
    const ws = workspace();
    const storage = 'file:///w/app/storage.yaml';
    const fromClaim = referencesTo(ws, storage, FILES[storage], at(storage, 'web-data'), {
      textOf,
      includeDeclaration: true,
    }).map(loc);
    assert.deepEqual(fromClaim, ['app/storage.yaml:4:9-4:17', 'app/deploy.yaml:30:24-30:32']);
    const deploy = 'file:///w/app/deploy.yaml';
    const fromRef = referencesTo(ws, deploy, FILES[deploy], at(deploy, 'web-data'), { textOf }).map(loc);
    assert.deepEqual(fromRef, ['app/deploy.yaml:30:24-30:32']);
  });

  test('a StorageClass is referred to by claims; a Service by the Ingress', () => {
    const ws = workspace();
    const storage = 'file:///w/app/storage.yaml';
    assert.deepEqual(referencesTo(ws, storage, FILES[storage], at(storage, 'name: fast'), { textOf }).map(loc), [
      'app/storage.yaml:7:21-7:25',
    ]);
    const net = 'file:///w/app/network.yaml';
    assert.deepEqual(referencesTo(ws, net, FILES[net], at(net, 'kind: Service'), { textOf }).map(loc), [
      'app/network.yaml:23:23-23:26',
    ]);
  });

  test('the unsaved text of the current file is what counts', () => {
    const ws = workspace();
    const uri = 'file:///w/app/deploy.yaml';
    const edited = FILES[uri].replace(
      'claimName: web-data',
      'claimName: web-data\n        - name: more\n          persistentVolumeClaim:\n            claimName: web-data',
    );
    const storage = 'file:///w/app/storage.yaml';
    const refs = referencesTo(ws, storage, FILES[storage], at(storage, 'web-data'), {
      textOf: (u) => (u === uri ? edited : textOf(u)),
    }).map(loc);
    assert.deepEqual(refs, ['app/deploy.yaml:30:24-30:32', 'app/deploy.yaml:33:24-33:32']);
  });
});
