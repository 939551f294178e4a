import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace, createRuleSet } from '../../../../server/src/engine';
import { applyFix, fixAllText, lint, settings, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const fx = (rule: string, file: string): string => readFixture('rules', rule, file);

describe('duplicate-env-var', () => {
  const RULE = ['duplicate-env-var'];
  test('reports the overridden entry and deletes it, keeping the runtime value', () => {
    const text = fx('duplicate-env-var', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['12:15-12:30']);
    assert.match(ds[0].message, /"LOG_LEVEL" is set again later .*line 16/);
    const fixed = applyFix(text, ds[0]);
    // the entry goes; its comment stays
    assert.equal(
      fixed,
      text.replace(
        '            - name: LOG_LEVEL # first value\n              value: debug\n',
        '            # first value\n',
      ),
    );
    assert.deepEqual(lint(fixed, RULE), []);
  });
  test('distinct names, and the same name in two containers, pass', () =>
    assert.deepEqual(lint(fx('duplicate-env-var', 'pass.yaml'), RULE), []));
});

describe('label-values-invalid', () => {
  const RULE = ['label-values-invalid'];
  test('flags bad keys, bad values and non-string values', () => {
    const text = fx('label-values-invalid', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), !!d.fix]),
      [
        ['6:14-6:17', true],
        ['7:5-7:10', false],
        ['8:23-8:34', false],
        ['13:17-13:21', true],
      ],
    );
    assert.match(ds[0].message, /number value; label values must be strings: write "1.0"/);
    const fixed = fixAllText(text, RULE);
    assert.match(fixed, /version: "1.0" # a number to YAML/);
    assert.match(fixed, /canary: "true"/);
    assert.equal(lint(fixed, RULE).length, 2);
  });
  test('valid labels pass', () => assert.deepEqual(lint(fx('label-values-invalid', 'pass.yaml'), RULE), []));
});

describe('default-namespace', () => {
  const RULE = ['default-namespace'];
  test('is off by default and on in strict', () => {
    const text = fx('default-namespace', 'fire.yaml');
    assert.deepEqual(lint(text, RULE), []);
    const ds = lint(text, RULE, { profile: 'strict' });
    assert.deepEqual(ds.map(where), ['3:1-3:9', '12:3-12:21']);
    assert.equal(
      applyFix(text, ds[0]),
      text.replace(
        '  name: settings # no namespace\n',
        '  name: settings # no namespace\n  namespace: app # TODO: the application’s namespace\n',
      ),
    );
    assert.match(applyFix(text, ds[1]), / {2}namespace: app # TODO: the application’s namespace\n$/);
  });
  test('namespaced objects with a namespace and cluster-scoped kinds pass', () =>
    assert.deepEqual(lint(fx('default-namespace', 'pass.yaml'), RULE, { profile: 'strict' }), []));
});

describe('env-ref-not-found', () => {
  const RULE = ['env-ref-not-found'];
  test('references to objects missing from the namespace are information, naming the files searched', () => {
    const ds = lint(fx('env-ref-not-found', 'fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [
        ['15:32-15:52', 'info'],
        ['18:17-18:35', 'info'],
      ],
    );
    assert.match(
      ds[0].message,
      /Secret "db-credentials" is not defined in namespace "shop" in the workspace \(searched 1 file: manifest.yaml\)/,
    );
  });
  test('objects in the same text or optional references pass', () =>
    assert.deepEqual(lint(fx('env-ref-not-found', 'pass.yaml'), RULE), []));
  test('objects in another file of the workspace count', () => {
    const ws = new Workspace();
    ws.setFile('file:///w/deploy.yaml', fx('env-ref-not-found', 'fire.yaml'));
    ws.setFile(
      'file:///w/secrets.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: shop\n',
    );
    const rs = createRuleSet(settings(), new Set(RULE));
    const ds = ws.lint('file:///w/deploy.yaml', rs).diagnostics;
    assert.deepEqual(ds.map(where), ['18:17-18:35']);
    assert.match(ds[0].message, /searched 2 files: deploy.yaml, secrets.yaml/);
  });
});
