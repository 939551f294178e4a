import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['service-type-exposed'];
const fixture = (name: string): string => readFixture('rules', 'service-type-exposed', name);

describe('service-type-exposed', () => {
  test('flags NodePort and LoadBalancer on the type value, as information', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [
        ['6:9-6:17', 'info', false],
        ['18:9-18:21', 'info', false],
      ],
    );
    assert.equal(
      ds[0].message,
      'Service type NodePort opens its port on every node: the pods are reachable from outside the cluster.',
    );
    assert.equal(
      ds[1].message,
      'Service type LoadBalancer gives the pods an address outside the cluster, usually a public one.',
    );
  });

  test('ClusterIP and internal load balancers pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('loadBalancerSourceRanges is mentioned; kube-score service-type ignore is honoured', () => {
    const text = fixture('fire.yaml').replace(
      '    - port: 443\n',
      '    - port: 443\n  loadBalancerSourceRanges: [10.0.0.0/8]\n',
    );
    assert.match(lint(text, RULE)[1].message, /limited by loadBalancerSourceRanges/);
    const ignored = fixture('fire.yaml').replace(
      '  name: admin\n',
      '  name: admin\n  annotations:\n    kube-score/ignore: service-type\n',
    );
    assert.deepEqual(lint(ignored, RULE).map(where), ['20:9-20:21']);
  });
});
