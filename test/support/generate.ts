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
