import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['service-port-mismatch'];
const fixture = (name: string): string => readFixture('rules', 'service-port-mismatch', name);

describe('service-port-mismatch', () => {
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
    assert.equal(
      said(grpc),
      'namedTargetPortNotFound {label=Service port grpc, missing=Deployment "api-canary" in deployment.yaml (http=8080), port="grpc"}',
    );
    assert.equal(
      said(admin),
      'targetPortNotDeclared {label=Service port admin, missing=Deployment "api" in deployment.yaml (http=8080, grpc=9000); Deployment "api-canary" in deployment.yaml (http=8080), target=9091}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/service-port-mismatch/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('service-port-mismatch', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'namedTargetPortNotFound',
          data: {
            label: 'Service port http',
            port: '"htpp"',
            missing: 'Deployment "web" (http=8080, metrics=9100, dns=5353)',
          },
          line: 11,
          column: 19,
          endLine: 11,
          endColumn: 23,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'defaultTargetPortNotDeclared',
          data: {
            label: 'Service port metrics',
            target: '9090',
            missing: 'Deployment "web" (http=8080, metrics=9100, dns=5353)',
          },
          line: 13,
          column: 13,
          endLine: 13,
          endColumn: 17,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'namedTargetPortNotFound',
          data: {
            label: 'Service port dns',
            port: '"dns"/UDP',
            missing: 'Deployment "web" (http=8080, metrics=9100, dns=5353)',
          },
          line: 17,
          column: 19,
          endLine: 17,
          endColumn: 22,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
