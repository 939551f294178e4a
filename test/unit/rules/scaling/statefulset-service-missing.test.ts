import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { diagnosticsInAppended, lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';

const RULE = ['statefulset-service-missing'];

const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: postgres
      port: 5432
      targetPort: postgres
`;

describe('statefulset-service-missing', () => {
  test("flags a missing Service (a warning: the namespace's Services are here) and one that is not headless", () => {
    const ds = lint(fx('statefulset-service-missing', 'fire.yaml'), RULE);
    assert.deepEqual(brief(ds), [
      ['7:16-7:18', 'warning', true],
      ['30:16-30:21', 'warning', false],
    ]);
    assert.equal(
      ds[0].message,
      'No headless Service "db" is defined in namespace "shop" (searched 1 file: untitled:manifest.yaml): the StatefulSet\'s pods get no stable DNS names.',
    );
    assert.match(ds[1].message, /^Service "cache" is not headless \(clusterIP unset\)/);
  });

  test('the fix appends a headless Service with the pod labels and the container ports', () => {
    const text = fx('statefulset-service-missing', 'fire.yaml');
    const [d] = lint(text, RULE);
    const at = text.indexOf('---\n');
    assert.equal(applyFix(text, d), text.slice(0, at) + SERVICE + text.slice(at));
    assert.deepEqual(diagnosticsInAppended(text, d, 'strict'), []);
  });

  test('information when no Service of the namespace is in the workspace', () => {
    const text = fx('statefulset-service-missing', 'fire.yaml').split('---\n')[0];
    assert.deepEqual(brief(lint(text, RULE)), [['7:16-7:18', 'info', true]]);
  });

  test('a headless Service passes', () =>
    assert.deepEqual(lint(fx('statefulset-service-missing', 'pass.yaml'), RULE), []));

  test('across a workspace', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('statefulset-service-missing', RULE)), [
      ['db/statefulsets.yaml', '27:16-27:21', 'warning', true],
    ]);
  });
});
