/**
 * End to end: a realistic insecure Deployment, in a namespace whose Namespace (another file on disk)
 * enforces the restricted Pod Security level, is fixed through the language server over stdio.
 * Hardening changes what runs, so it is an unsafe fix: `source.fixAll.kubewise` leaves it alone, and the quick fixes, taken one at a time,
 * make the Deployment pass. Afterwards no baseline or restricted rule fires, the YAML parses, and every comment is
 * still there.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient } from '../support/lsp-client';

/** Every rule that implements a Pod Security Standards control (docs/pod-security.md). */
const PSS_RULES = [
  'host-process',
  'host-namespaces',
  'privileged-container',
  'capabilities-dangerous',
  'host-port',
  'probe-host-field',
  'apparmor-override',
  'selinux-options',
  'proc-mount-unmasked',
  'seccomp-profile',
  'unsafe-sysctls',
  'restricted-volume-types',
  'allow-privilege-escalation',
  'run-as-non-root',
  'run-as-user-root',
  'capabilities-drop-all',
];

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: restricted
`;

const INSECURE = `# The payments API, as it was first written.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-api
  namespace: payments
spec:
  replicas: 2
  selector:
    matchLabels:
      app: payments-api
  template:
    metadata:
      labels:
        app: payments-api
      annotations:
        container.apparmor.security.beta.kubernetes.io/api: unconfined # debugging leftover
    spec:
      hostNetwork: true # was needed for the old load balancer
      hostPID: true
      securityContext:
        runAsUser: 0 # root, "just for now"
        seccompProfile:
          type: Unconfined
        sysctls:
          - name: kernel.msgmax # tuned for the queue
            value: "65536"
      initContainers:
        - name: migrate
          image: registry.example.com/payments-migrate:1.4.2
          securityContext:
            privileged: true # needs raw sockets?
      containers:
        - name: api
          image: registry.example.com/payments-api:1.4.2
          ports:
            - containerPort: 8443
              hostPort: 8443 # exposed on the node
          readinessProbe:
            httpGet:
              host: 10.0.0.1 # probe the sidecar
              path: /healthz
              port: 8443
          securityContext:
            allowPrivilegeEscalation: true
            procMount: Unmasked
            seLinuxOptions:
              type: spc_t
            capabilities:
              add: ["SYS_ADMIN", "NET_ADMIN"] # for iptables
`;

const comments = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => /(#.*)$/.exec(l)?.[1])
    .filter((c): c is string => !!c);

describe('unsafe quick fixes, one at a time, make an insecure Deployment pass the restricted level', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kubewise-pss-'));
    writeFileSync(join(folder, 'namespace.yaml'), NAMESPACE);
    writeFileSync(join(folder, 'deployment.yaml'), INSECURE);
    client = await LspClient.start({
      workspaceFolders: [folder],
      settings: () => ({ profile: 'recommended', kubernetesVersion: '1.34' }),
    });
    // 1.34: from that version admission also checks the Host Probes control (probe-host-field)
  });
  after(async () => {
    await client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('fix-all leaves the hardening alone; unsafe quick fixes one at a time fix every finding, keeping comments', async () => {
    const uri = fileUri(join(folder, 'deployment.yaml'));
    let mark = client.mark();
    await client.open(uri, INSECURE);
    // wait for the lint that sees namespace.yaml: its enforce label escalates findings to errors, among them
    // allow-privilege-escalation's, a warning by default (so the publish before the index is told apart)
    const before = await client.diagnostics(uri, mark, (p) =>
      p.diagnostics.some((d) => d.code === 'allow-privilege-escalation' && d.severity === DiagnosticSeverity.Error),
    );
    const pssBefore = before.filter((d) => PSS_RULES.includes(String(d.code)));
    assert.ok(
      new Set(pssBefore.map((d) => d.code)).size >= 12,
      `many PSS rules fire: ${[...new Set(pssBefore.map((d) => d.code))]}`,
    );
    assert.ok(
      pssBefore.every((d) => d.severity === 1),
      'under enforce: restricted every finding is an error',
    );

    // Hardening changes what runs: fix-all (and so fix on save) applies safe fixes only, and these are all unsafe.
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const bulk = await client.codeActions(uri, range, [], ['source.fixAll.kubewise']);
    const bulkText = bulk[0]
      ? client.applied(uri, (bulk[0].edit ? bulk[0] : await client.resolve(bulk[0])).edit!)
      : INSECURE;
    assert.equal(bulkText, INSECURE, 'source.fixAll.kubewise leaves the hardening to the author');

    // Taken one at a time, each unsafe quick fix says that it changes behaviour; together they reach restricted.
    let fixed = INSECURE;
    let current = before;
    const titles: string[] = [];
    for (let step = 0; step < 40; step++) {
      // the first finding of these rules that has a fix (published diagnostics carry none: the actions tell)
      let d: Diagnostic | undefined;
      let actions: CodeAction[] = [];
      for (const x of current.filter((c) => PSS_RULES.includes(String(c.code)))) {
        actions = await client.codeActions(uri, x.range, [x], ['quickfix']);
        if (actions.some((a) => a.isPreferred)) {
          d = x;
          break;
        }
      }
      if (!d) break;
      const fix = await client.withEdit(actions.find((a) => a.isPreferred)!);
      assert.ok(fix?.edit, `a preferred fix for ${d.code}`);
      assert.match(fix.title, /\(changes [^)]+\)$/, `an unsafe fix says what it changes: ${fix.title}`);
      assert.ok(!actions.some((a) => /^Fix all .* in file$/.test(a.title)), `no bulk "fix all" for unsafe ${d.code}`);
      titles.push(fix.title);
      fixed = client.applied(uri, fix.edit);
      mark = client.mark();
      await client.change(uri, fixed);
      current = await client.diagnostics(uri, mark);
    }
    assert.ok(titles.length >= 12, `applied ${titles.length} fixes one at a time`);

    for (const doc of parseAllDocuments(fixed)) assert.deepEqual(doc.errors, [], 'the fixed text parses');
    for (const c of comments(INSECURE)) assert.ok(fixed.includes(c), `comment kept: ${c}`);

    const left = current.filter((d) => PSS_RULES.includes(String(d.code)));
    assert.deepEqual(
      left.map((d) => `${d.code}: ${d.message}`),
      [],
      `fixed text:\n${fixed}`,
    );
    // the result is one well-formed securityContext per container, not duplicated keys
    assert.equal((fixed.match(/^ {6}securityContext:/gm) ?? []).length, 1, 'one pod securityContext');
    assert.equal((fixed.match(/^ {10}securityContext:/gm) ?? []).length, 2, 'one securityContext per container');
  });
});
