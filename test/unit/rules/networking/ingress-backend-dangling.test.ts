import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';

const RULE = ['ingress-backend-dangling'];
const fixture = (name: string): string => readFixture('rules', 'ingress-backend-dangling', name);

describe('ingress-backend-dangling', () => {
  test('flags a port the Service lacks and a Service that does not exist', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix, d.suggestions?.map((s) => s.title)]),
      [
        ['13:17-13:21', 'warning', false, ['Use port 80']],
        ['22:23-22:30', 'warning', false, ['Use Service "api"']],
      ],
    );
    assert.equal(
      ds[0].message,
      'Service "web" has no port 8080 (its ports: http=80): the Ingress answers 503 for this backend.',
    );
    assert.equal(
      ds[1].message,
      'No Service "api-svc" in namespace "default" is defined (searched 1 file: untitled:manifest.yaml): the Ingress answers 503 for this backend.',
    );
    const fixed = applyEdits(applyEdits(text, ds[0].suggestions![0].edits), ds[1].suggestions![0].edits);
    assert.match(fixed, /number: 80 # the Service listens on 80/);
    assert.match(fixed, /name: api # no such Service/);
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('existing Services and ports, and resource backends, pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('the pre-v1 backend shape (serviceName/servicePort) is read too', () => {
    const text =
      'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  backend:\n    serviceName: web\n    servicePort: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['8:18-8:22']);
    assert.equal(
      ds[0].message,
      'Service "web" has no port named "http" (its ports: 80): the Ingress answers 503 for this backend.',
    );
  });

  test('across a workspace: a warning where Services of the namespace live beside the Ingress, else information', () => {
    const out = lintWorkspace('ingress-backend-dangling', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [
        [
          'app/ingress.yaml',
          [
            ['27:27-27:31', 'warning'],
            ['32:23-32:29', 'warning'],
          ],
        ],
        [
          'edge/ingress.yaml',
          [
            ['12:13-12:17', 'info'],
            ['22:23-22:26', 'info'],
          ],
        ],
      ],
    );
    assert.match(out.get('edge/ingress.yaml')![1].message, /No Service "api" in namespace "edge"/);
  });
});
