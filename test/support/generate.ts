/** Generates realistic manifests for benchmarks and stress tests. */

/** A Deployment (some containers without requests), a Service and a ConfigMap with a block scalar and comments. */
export function appDocuments(i: number, namespace = 'shop'): string[] {
  const name = `app-${i}`;
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
    tier: backend # serves the API
spec:
  replicas: ${(i % 3) + 1}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: registry.example.com/${name}:1.${i % 10}.0
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests:
              cpu: ${100 + (i % 5) * 50}m
              memory: 256Mi
            limits:
              memory: 512Mi
        - name: sidecar
          image: registry.example.com/proxy:2.1.${i % 7}
          args: ["--port", "9090"]
          volumeMounts:
            - name: config
              mountPath: /etc/app
      volumes:
        - name: config
          configMap:
            name: ${name}-config
`;
  const service = `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: http
`;
  const configMap = `# configuration of ${name}
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${namespace}
data:
  app.properties: |
    server.port=8080
    feature.flag=${i % 2 === 0}
    # comment inside the block
`;
  return [deployment, service, configMap];
}

/** A multi-document manifest of about `lines` lines. */
export function bigManifest(lines: number): string {
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    for (const d of appDocuments(i)) {
      docs.push(d);
      count += d.split('\n').length;
    }
  }
  return docs.join('---\n');
}

/**
 * A repository of `apps` app folders (each with a README, so each is a unit of its own), five files per app: the
 * Deployment, its Service, ConfigMap, HorizontalPodAutoscaler and PodDisruptionBudget in separate files, so that the
 * cross-file rules have work. Some apps are broken across files: every 5th Service selects no pod, every 7th HPA
 * scales a Deployment that does not exist, every 6th app has no ConfigMap file for the volume that mounts it.
 * Paths (relative, forward slashes) → text.
 */
export function appTree(apps: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < apps; i++) {
    const dir = `apps/app-${i}`;
    const namespace = `team-${i % 8}`;
    const [deployment, service, configMap] = appDocuments(i, namespace);
    files[`${dir}/README.md`] = `# app-${i}\n`;
    files[`${dir}/deployment.yaml`] = deployment;
    files[`${dir}/service.yaml`] = i % 5 === 0 ? service.replace(`app: app-${i}`, `app: app-${i}-old`) : service;
    if (i % 6 !== 0) files[`${dir}/configmap.yaml`] = configMap;
    files[`${dir}/hpa.yaml`] = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-${i}
  namespace: ${namespace}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app-${i % 7 === 0 ? `${i}-renamed` : i}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`;
    files[`${dir}/pdb.yaml`] = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: app-${i}
  namespace: ${namespace}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: app-${i}
`;
  }
  return files;
}
