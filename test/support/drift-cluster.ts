/**
 * The live state the editor's drift tests compare with (test/extension/suite/10-drift.test.ts and the drift
 * screenshot): in namespace `shop`, `web` as its manifest says, `api` whose image was changed with `kubectl edit`,
 * `worker` scaled to 6 by an autoscaler through the scale subresource, and its HPA; `get configmaps` is forbidden in
 * namespace `secure`. `gone` is not in the cluster.
 */
import { FakeObjects } from './fake-objects';

type Plain = Record<string, unknown>;

export function driftDeployment(name: string, image: string, replicas: number): Plain {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: name, image, ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}

export function driftHpa(): Plain {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'worker-hpa', namespace: 'shop' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' },
      minReplicas: 2,
      maxReplicas: 10,
    },
  };
}

export function driftObjects(): FakeObjects {
  const objects = new FakeObjects({ forbid: [{ verb: 'get', resource: 'configmaps', namespace: 'secure' }] });
  objects.seed(driftDeployment('web', 'shop/web:1.4.2', 2));
  objects.seed(driftDeployment('api', 'shop/api:2.0.0', 2));
  objects.edit(
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' },
    [{ path: ['spec', 'template', 'spec', 'containers', 0, 'image'], value: 'shop/api:2.0.1-hotfix' }],
    'kubectl-edit',
  );
  objects.seed(driftDeployment('worker', 'shop/worker:3.1.0', 2));
  objects.seed(driftHpa());
  objects.edit(
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker', namespace: 'shop' },
    [{ path: ['spec', 'replicas'], value: 6 }],
    'kube-controller-manager',
    'scale',
  );
  return objects;
}
