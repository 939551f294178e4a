import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { diagnosticsInAppended, lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['pvc-not-found'];
const fixture = (name: string): string => readFixture('rules', 'pvc-not-found', name);

const STUB = `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads-files
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: standard # TODO: the cluster's storage class
  resources:
    requests:
      storage: 1Gi # TODO: the capacity this claim needs
`;

describe('pvc-not-found', () => {
  test('the fix appends a PVC stub after the workload, which passes every rule', () => {
    const text = fixture('fire.yaml');
    const [d] = lint(text, RULE);
    assert.equal(d.fix?.title, 'Add a PersistentVolumeClaim "uploads-files"');
    const fixed = applyFix(text, d);
    assert.equal(fixed, text + STUB);
    assert.deepEqual(lint(fixed, RULE), []);
    assert.deepEqual(diagnosticsInAppended(text, d, 'recommended'), []);
    // strict turns on default-namespace (the workload names no namespace either); nothing of the storage rules.
    assert.deepEqual(
      diagnosticsInAppended(text, d, 'strict').map((x) => x.ruleId),
      ['default-namespace'],
    );
    assert.equal(fixAllText(text, RULE), fixed);
  });

  test('the stub takes the namespace, shared access for several replicas, and the workspace default class', () => {
    const text = fixture('fire.yaml')
      .replace('  name: uploads\n', '  name: uploads\n  namespace: shop\n')
      .replace('replicas: 1', 'replicas: 3')
      .concat(
        '---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gold\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\nprovisioner: x\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: silver\nprovisioner: x\n',
      );
    const [d] = lint(text, RULE);
    const appended = d.fix!.edits[0].newText;
    assert.match(appended, /metadata:\n {2}name: uploads-files\n {2}namespace: shop\n/);
    assert.match(
      appended,
      /accessModes:\n {4}- ReadWriteMany # TODO: needs a storage class that supports shared access\n/,
    );
    assert.match(appended, /storageClassName: gold\n/);
    const fixed = applyEdits(text, d.fix!.edits);
    assert.deepEqual(
      lint(fixed, [
        'pvc-not-found',
        'pvc-rwo-multi-replica',
        'storageclass-not-found',
        'pvc-storage-class-missing',
        'pvc-storage-request-missing',
      ]),
      [],
    );
  });

  test('claims defined in the text, and claims a StatefulSet creates, pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('a claim of another namespace does not count', () => {
    const text =
      fixture('fire.yaml') +
      '---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: uploads-files\n  namespace: other\n';
    assert.deepEqual(lint(text, RULE).map(where), ['24:24-24:37']);
  });

  test('across a workspace: a warning where claims of the namespace live in the same folder, kustomize namespaces applied', () => {
    const out = lintWorkspace('pvc-not-found', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [
        ['app/deployment.yaml', [['29:24-29:37', 'warning']]],
        ['batch/job.yaml', [['19:24-19:38', 'info']]],
      ],
    );
    const [typo] = out.get('app/deployment.yaml')!;
    assert.equal(
      said(typo),
      'claimNotFound {claimName=uploads-cahce, ns=shop, searchedFiles=searched 3 files: deployment.yaml, statefulset.yaml, storage.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/pvc-not-found/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pvc-not-found', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'claimNotFound',
          data: { claimName: 'uploads-files', ns: 'default', searchedFiles: 'searched 1 file: untitled:manifest.yaml' },
          line: 24,
          column: 24,
          endLine: 24,
          endColumn: 37,
          severity: 'info',
          fix: 'Add a PersistentVolumeClaim "uploads-files"',
        },
      ],
    },
  ],
});
