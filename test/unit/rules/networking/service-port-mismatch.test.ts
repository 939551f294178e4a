import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';

const RULE = ['service-port-mismatch'];
const fixture = (name: string): string => readFixture('rules', 'service-port-mismatch', name);

describe('service-port-mismatch', () => {
  test('flags a misspelt named port, an omitted targetPort the pods do not declare, and a protocol mismatch', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [
        ['11:19-11:23', 'warning', false],
        ['13:13-13:17', 'warning', false],
        ['17:19-17:22', 'warning', false],
      ],
    );
    assert.equal(
      ds[0].message,
      'Service port http targets the container port named "htpp", which the selected pods do not have: Deployment "web" (http=8080, metrics=9100, dns=5353). Those pods get no endpoints.',
    );
    assert.equal(
      ds[1].message,
      'Service port metrics sends traffic to port 9090 (targetPort defaults to port), which the selected containers do not declare: Deployment "web" (http=8080, metrics=9100, dns=5353).',
    );
    assert.match(ds[2].message, /named "dns"\/UDP/);
  });

  test('matching ports pass; pods that declare no ports are not judged on numbers', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('a Service that selects nothing is left to service-selector-dangling', () => {
    const text = fixture('fire.yaml').replace('    app: web\n  ports:', '    app: nothing\n  ports:');
    assert.deepEqual(lint(text, RULE), []);
  });

  test('across a workspace: every selected workload must have the port', () => {
    const out = lintWorkspace('service-port-mismatch', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [
        [
          'app/service.yaml',
          [
            ['14:19-14:23', 'warning'],
            ['17:19-17:23', 'warning'],
          ],
        ],
      ],
    );
    const [grpc, admin] = out.get('app/service.yaml')!;
    assert.match(grpc.message, /which the selected pods do not have: Deployment "api-canary" \(http=8080\)\./);
    assert.match(
      admin.message,
      /port 9091, which the selected containers do not declare: Deployment "api" \(http=8080, grpc=9000\); Deployment "api-canary" \(http=8080\)\./,
    );
  });
});
