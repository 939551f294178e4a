/**
 * HorizontalPodAutoscalers for the test API server (fake-apiserver.ts `hpas`), as kube-apiserver serves
 * `autoscaling/v2`: defaults filled in (minReplicas 1, the scale-up and scale-down behaviour) and a status.
 */
import type { HpaObject } from './fake-apiserver';

export interface HpaSpec {
  readonly namespace: string;
  readonly name: string;
  /** `Deployment/web` */
  readonly target: string;
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  /** Resource metrics: `cpu: 70` is a Utilization target of 70 %; `memory: '512Mi'` an AverageValue target. */
  readonly metrics: Readonly<Partial<Record<'cpu' | 'memory', number | string>>>;
  /** `ContainerResource` metrics: one container's CPU or memory on a Utilization target (`percent`). */
  readonly containerMetrics?: readonly {
    readonly container: string;
    readonly resource: 'cpu' | 'memory';
    readonly percent: number;
  }[];
}

export function hpaObject(h: HpaSpec): HpaObject {
  const [kind, name] = h.target.split('/') as [string, string];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: h.name,
      namespace: h.namespace,
      uid: `hpa-${h.namespace}-${h.name}`,
      resourceVersion: '5120',
      creationTimestamp: '2026-12-01T08:00:00Z',
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name },
      minReplicas: h.minReplicas ?? 1,
      maxReplicas: h.maxReplicas,
      metrics: [
        ...Object.entries(h.metrics).map(([resource, t]) => ({
          type: 'Resource',
          resource: {
            name: resource,
            target:
              typeof t === 'number'
                ? { type: 'Utilization', averageUtilization: t }
                : { type: 'AverageValue', averageValue: t },
          },
        })),
        ...(h.containerMetrics ?? []).map((m) => ({
          type: 'ContainerResource',
          containerResource: {
            name: m.resource,
            container: m.container,
            target: { type: 'Utilization', averageUtilization: m.percent },
          },
        })),
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    },
    status: { currentReplicas: h.minReplicas ?? 1, desiredReplicas: h.minReplicas ?? 1, currentMetrics: [] },
  };
}
