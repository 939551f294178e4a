import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['writable-host-path'];
const fixture = (name: string): string => readFixture('rules', 'writable-host-path', name);

describe('writable-host-path', () => {
  test('the fix inserts readOnly: true, or turns false into true keeping the comment', () => {
    const text = fixture('fire.yaml');
    const [agent, setup] = lint(text, RULE);
    assert.equal(
      applyFix(text, agent),
      text.replace(
        '              mountPath: /state\n            - name: config',
        '              mountPath: /state\n              readOnly: true\n            - name: config',
      ),
    );
    assert.equal(
      applyFix(text, setup),
      text.replace('readOnly: false # must write its marker', 'readOnly: true # must write its marker'),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('flow-style mounts get the key inside the braces', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: busybox:1.36
      volumeMounts: [{name: h, mountPath: /h}]
  volumes:
    - {name: h, hostPath: {path: /srv}}
`;
    const [d] = lint(text, RULE);
    assert.equal(where(d), '9:43-9:45');
    assert.equal(
      applyFix(text, d),
      text.replace('{name: h, mountPath: /h}', '{name: h, mountPath: /h, readOnly: true}'),
    );
  });
});

// The fixtures as a table: test/fixtures/rules/writable-host-path/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('writable-host-path', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'writableHostPath',
          data: { container: 'Container "agent"', volume: '"state" (/opt/agent) at /state' },
          line: 26,
          column: 26,
          endLine: 26,
          endColumn: 32,
          severity: 'warning',
          fix: 'Mount it read-only (readOnly: true)',
        },
        {
          messageId: 'writableHostPath',
          data: { container: 'Init container "setup"', volume: '"state" (/opt/agent) at /state' },
          line: 19,
          column: 26,
          endLine: 19,
          endColumn: 32,
          severity: 'warning',
          fix: 'Mount it read-only (readOnly: true)',
        },
      ],
    },
  ],
});
