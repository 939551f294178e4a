import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ignoreForObjectFix, ignoreOnLineFix } from '../../../server/src/engine';
import { applyFix, lint } from '../../support/lint';
import { applyEdits } from '../../../server/src/engine';

const RULE = ['cpu-request-missing'];

function deployment(annotations: string, templateAnnotations = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${annotations ? `  annotations:\n${annotations}\n` : ''}spec:
  template:
    metadata:
      labels:
        app: web
${templateAnnotations ? `      annotations:\n${templateAnnotations}\n` : ''}    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
}

describe('suppressions', () => {
  test('without annotations the rule fires', () => {
    assert.equal(lint(deployment(''), RULE).length, 1);
  });

  for (const [what, ann] of [
    ['kubewise rule annotation', '    ignore-check.kubewise.dev/cpu-request-missing: "sized by VPA"'],
    ['kubewise ignore-all', '    kubewise.dev/ignore-all: "generated"'],
    ['kube-linter annotation', '    ignore-check.kube-linter.io/unset-cpu-requirements: "ok"'],
    ['Polaris exemption', '    polaris.fairwinds.com/cpuRequestsMissing-exempt: "true"'],
    ['kube-score ignore', '    kube-score/ignore: pod-probes,container-resources'],
  ] as const) {
    test(`${what} on the object suppresses`, () => assert.deepEqual(lint(deployment(ann), RULE), []));
  }

  test('an annotation on the pod template suppresses too', () => {
    assert.deepEqual(lint(deployment('', '        ignore-check.kubewise.dev/cpu-request-missing: "x"'), RULE), []);
  });

  test('other rules’ annotations and a Polaris exemption set to false do not suppress', () => {
    assert.equal(lint(deployment('    ignore-check.kubewise.dev/memory-request-missing: "x"'), RULE).length, 1);
    assert.equal(lint(deployment('    polaris.fairwinds.com/cpuRequestsMissing-exempt: "false"'), RULE).length, 1);
  });

  test('comments on the line before or at the end of the line suppress', () => {
    const base = deployment('');
    const above = base.replace(
      '        - name: web',
      '        # kubewise-ignore cpu-request-missing, memory-request-missing: batch job\n        - name: web',
    );
    assert.deepEqual(lint(above, RULE), []);
    const end = base.replace(
      '        - name: web',
      '        - name: web # kubewise-ignore cpu-request-missing: reason',
    );
    assert.deepEqual(lint(end, RULE), []);
    const other = base.replace('        - name: web', '        - name: web # kubewise-ignore memory-request-missing');
    assert.equal(lint(other, RULE).length, 1);
  });

  test('the ignore actions write suppressions that work', () => {
    const text = deployment('');
    const [d] = lint(text, RULE);
    const byObject = applyEdits(text, ignoreForObjectFix(text, d)!.edits);
    assert.match(
      byObject,
      /metadata:\n {2}name: web\n {2}annotations:\n {4}ignore-check.kubewise.dev\/cpu-request-missing: "TODO: why this is acceptable"\n/,
    );
    assert.deepEqual(lint(byObject, RULE), []);
    const byLine = applyEdits(text, ignoreOnLineFix(text, d).edits);
    assert.match(
      byLine,
      /\n {8}# kubewise-ignore cpu-request-missing: TODO: why this is acceptable\n {8}- name: web\n/,
    );
    assert.deepEqual(lint(byLine, RULE), []);
    assert.equal(applyFix(text, d).includes('cpu: 100m'), true);
  });
});
