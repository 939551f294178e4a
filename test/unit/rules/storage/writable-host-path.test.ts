import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['writable-host-path'];
const fixture = (name: string): string => readFixture('rules', 'writable-host-path', name);

describe('writable-host-path', () => {
  test('flags hostPath mounts without readOnly: true, on their mountPath', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, d.fix?.title]),
      [
        ['26:26-26:32', 'warning', 'Mount it read-only (readOnly: true)'],
        ['19:26-19:32', 'warning', 'Mount it read-only (readOnly: true)'],
      ],
    );
    assert.equal(ds[0].message, 'Container "agent" mounts hostPath volume "state" (/opt/agent) at /state writable.');
    assert.equal(
      ds[1].message,
      'Init container "setup" mounts hostPath volume "state" (/opt/agent) at /state writable.',
    );
  });

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

  test('read-only mounts and other volume types pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
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
