/**
 * Live drift for a workspace file of 500 objects (10 namespaces × 50 Deployments; 20 drifted, 10 not in the cluster)
 * against the test API server, through the real kubeconfig loading and HTTPS: the requests sent and the time to the
 * first lens (the objects from the language server's handler, then the comparison) on the first save, on a second
 * save with nothing changed (dry runs cached by resourceVersion), and with a get per object instead of a list per
 * kind and namespace. Printed as figures and ratios of this run.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compareObjects, DryRunCache } from '../../client/src/drift/compare';
import { ConnectionClusterAccess } from '../../client/src/drift/connection-access';
import { connect } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { driftObjectsOf } from '../../server/src/lsp/drift';
import { kubeconfigFor, startFakeApiServer } from '../support/fake-apiserver';
import { FakeObjects } from '../support/fake-objects';

function manifest(ns: number, i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${ns}
spec:
  replicas: 2
  selector:
    matchLabels: { app: app-${i} }
  template:
    metadata:
      labels: { app: app-${i} }
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.0.${i}
          ports:
            - containerPort: 8080
`;
}

export async function driftBench(namespaces = 10, perNamespace = 50): Promise<void> {
  const objects = new FakeObjects();
  const docs: string[] = [];
  for (let ns = 0; ns < namespaces; ns++) {
    for (let i = 0; i < perNamespace; i++) {
      const text = manifest(ns, i);
      docs.push(text);
      if (i % 50 === 49) continue; // not in the cluster
      const doc = driftObjectsOf(TextDocument.create('file:///b.yaml', 'yaml', 1, text), 'file:///b.yaml').objects[0]!;
      objects.seed(doc.body as Record<string, unknown>);
      if (i % 25 === 3) {
        objects.edit(
          { apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${i}`, namespace: `team-${ns}` },
          [
            {
              path: ['spec', 'template', 'spec', 'containers', 0, 'image'],
              value: `registry.example.com/app-${i}:hotfix`,
            },
          ],
          'kubectl-edit',
        );
      }
    }
  }
  const text = docs.join('---\n');
  const server = await startFakeApiServer({ objects });
  try {
    const loaded = loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false });
    let sent = 0;
    const access = new ConnectionClusterAccess(
      connect(loaded, new CredentialRunner({ timeoutMs: 30_000 }), { timeoutMs: 30_000 }),
      {
        onRequest: () => sent++,
      },
    );
    const cache = new DryRunCache();
    const save = async (listThreshold: number, c: DryRunCache) => {
      sent = 0;
      const t0 = performance.now();
      const doc = TextDocument.create('file:///w/apps.yaml', 'yaml', 1, text);
      const { objects: objs } = driftObjectsOf(doc, doc.uri);
      const t1 = performance.now();
      let firstLens: number | undefined;
      const results = await compareObjects(access, objs, {
        cache: c,
        listThreshold,
        onResult: () => (firstLens ??= performance.now()),
      });
      const t2 = performance.now();
      const count = (k: string) => results.filter((r) => r.state.kind === k).length;
      return {
        objects: objs.length,
        server: t1 - t0,
        first: (firstLens ?? t2) - t0,
        total: t2 - t0,
        sent,
        drift: count('drift'),
        missing: count('missing'),
      };
    };
    const first = await save(5, cache);
    const second = await save(5, cache);
    const gets = await save(Number.MAX_SAFE_INTEGER, new DryRunCache());
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(`\n## Live drift: ${first.objects} objects in one file (${namespaces} namespaces), test API server`);
    console.log(
      `first save:  ${first.sent} requests (${(first.sent / first.objects).toFixed(2)} per object); first lens after ${ms(first.first)}, all after ${ms(first.total)} (objects from the language server's handler: ${ms(first.server)}); ${first.drift} drifted, ${first.missing} not in the cluster`,
    );
    console.log(`  ratio first lens / all lenses: ${(first.first / first.total).toFixed(3)}`);
    console.log(
      `second save, nothing changed: ${second.sent} requests; first lens after ${ms(second.first)}, all after ${ms(second.total)}  (ratio to the first save: ${(second.total / first.total).toFixed(2)})`,
    );
    console.log(
      `a get per object instead of a list per namespace: ${gets.sent} requests, all after ${ms(gets.total)}  (ratio list / get: ${(first.total / gets.total).toFixed(2)})`,
    );
    if (objects.writes.length) console.log(`WRITES: ${objects.writes.length} (drift must never write)`);
  } finally {
    await server.stop();
  }
}
