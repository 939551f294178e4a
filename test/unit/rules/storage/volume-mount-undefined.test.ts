import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['volume-mount-undefined'];
const fixture = (name: string): string => readFixture('rules', 'volume-mount-undefined', name);

describe('volume-mount-undefined', () => {
  test('flags a mount naming no volume, as an error, with a "did you mean" suggestion', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [['12:21-12:26', 'error', false]],
    );
    assert.equal(
      said(ds[0]),
      'mountsUndeclaredVolume {container=Container "api", known=the pod\'s volumes are "config", mName=confg}',
    );
    assert.deepEqual(
      ds[0].suggestions?.map((s) => s.title),
      ['Change to "config"'],
    );
    const fixed = applyEdits(text, ds[0].suggestions![0].edits);
    assert.equal(fixed, text.replace('- name: confg # typo of config', '- name: config # typo of config'));
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('volumeDevices and pods without volumes', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: busybox:1.36
      volumeDevices:
        - {name: raw, devicePath: /dev/xvda}
`;
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:18-10:21']);
    assert.equal(
      said(ds[0]),
      'usesUndeclaredDevice {container=Container "a", known=the pod declares no volumes, mName=raw}',
    );
    assert.equal(ds[0].suggestions, undefined);
  });
});

// The fixtures as a table: test/fixtures/rules/volume-mount-undefined/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('volume-mount-undefined', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'mountsUndeclaredVolume',
          data: {
            container: 'Container "api"',
            mName: 'confg',
            known: 'the pod\'s volumes are "config"',
          },
          line: 12,
          column: 21,
          endLine: 12,
          endColumn: 26,
          severity: 'error',
          fix: null,
          suggestions: [{ title: 'Change to "config"' }],
        },
      ],
    },
  ],
});
