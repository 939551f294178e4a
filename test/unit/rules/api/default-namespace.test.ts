import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, where } from '../../../support/lint';
import { lintIds as lint } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture, ruleTester } from '../../../support/rule-tester';

const fx = (rule: string, file: string): string => readFixture('rules', rule, file);

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

// The fixtures as a table: test/fixtures/rules/default-namespace/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('default-namespace', {
  valid: [{ code: fixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: fixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'setsNoNamespace',
          data: { objectKind: 'ConfigMap', value: 'settings' },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          severity: 'warning',
          fix: 'Set metadata.namespace',
        },
        {
          messageId: 'inDefaultNamespace',
          data: { objectKind: 'Service', value: 'web' },
          line: 'service-web+5',
          column: 3,
          endLine: 'service-web+5',
          endColumn: 21,
          severity: 'warning',
          fix: 'Set metadata.namespace',
        },
      ],
    },
  ],
});
