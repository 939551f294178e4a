import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['ingress-tls-missing'];
const fixture = (name: string): string => readFixture('rules', 'ingress-tls-missing', name);

describe('ingress-tls-missing', () => {
  test('flags an Ingress without tls on its spec key, as information', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [['5:1-5:5', 'info']],
    );
    assert.equal(
      ds[0].message,
      'Ingress "shop" has no tls section: shop.example.com, www.example.com are served over plain HTTP.',
    );
  });

  test("the fix inserts a tls entry for the rules' hosts with a placeholder Secret", () => {
    const text = fixture('fire.yaml');
    const [d] = lint(text, RULE);
    assert.equal(d.fix?.title, 'Add a tls entry (secretName shop-tls)');
    const fixed = applyFix(text, d);
    assert.equal(
      fixed,
      text +
        '  tls:\n    - hosts:\n        - shop.example.com\n        - www.example.com\n      secretName: shop-tls # TODO: a Secret of type kubernetes.io/tls with the certificate\n',
    );
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('an empty tls list is replaced; no hosts means no hosts list', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  tls: []\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n';
    const [d] = lint(text, RULE);
    assert.equal(where(d), '6:3-6:6');
    assert.match(d.message, /: it is served over plain HTTP\.$/);
    assert.equal(
      applyFix(text, d),
      text.replace(
        'tls: []',
        'tls: [{secretName: x-tls}] # TODO: a Secret of type kubernetes.io/tls with the certificate',
      ),
    );
  });

  test('an Ingress with tls passes', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });
});
