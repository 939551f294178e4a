/** The manifest the walkthrough opens: a Deployment with the everyday problems Kubewise finds and fixes. */
export const EXAMPLE_MANIFEST = `# A Kubewise example: hover the squiggles, press Ctrl+. (Cmd+. on macOS) for the fixes,
# or run "Kubewise: Fix All Problems in File".
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: nginx:latest
          ports:
            - containerPort: 8080
          resources:
            limits:
              memory: 512m
          securityContext:
            privileged: true
`;
