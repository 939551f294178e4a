import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'host-namespaces';

describe(R, () => {
  test('the fix deletes the field and keeps its comment', () => {
    const text = fixture(R, 'fire.yaml');
    const [net, pid] = lintSorted(text, [R]);
    assert.equal(applyFix(text, net), text.replace('hostNetwork: true # node-exporter style', '# node-exporter style'));
    assert.equal(applyFix(text, pid), text.replace('      hostPID: "true"\n', ''));
  });

  test('an anchor tool annotation silences only its own namespace', () => {
    const text = fixture(R, 'fire.yaml').replace(
      '  name: agent\n',
      '  name: agent\n  annotations:\n    ignore-check.kube-linter.io/host-network: "node exporter"\n',
    );
    assert.deepEqual(
      lint(text, [R]).map((d) => d.data?.field),
      ['hostPID'],
    );
    const polaris = fixture(R, 'fire.yaml').replace(
      '  name: agent\n',
      '  name: agent\n  annotations:\n    polaris.fairwinds.com/hostPIDSet-exempt: "true"\n',
    );
    assert.deepEqual(
      lint(polaris, [R]).map((d) => d.data?.field),
      ['hostNetwork'],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/host-namespaces/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('host-namespaces', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'sharesHostNamespace',
          data: {
            what: "the node's network: it can bind any node port and reach services listening on localhost",
            field: 'hostNetwork',
          },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 24,
          severity: 'error',
          fix: 'Delete hostNetwork',
        },
        {
          messageId: 'sharesHostNamespace',
          data: {
            what: "the node's process table: it can see, signal and trace every process on the node",
            field: 'hostPID',
          },
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 22,
          severity: 'error',
          fix: 'Delete hostPID',
        },
      ],
    },
  ],
});
