import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'quantity-invalid';
const run = (text: string) => lint(text, [ID]);

test('a value shared through an alias is reported once, where it is written', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      resources: {requests: {memory: &m 1GB}}
    - name: b
      resources: {requests: {memory: *m}}
`;
  assert.deepEqual(run(text).map(where), ['8:41-8:44']);
});

test('an error in every profile', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: ['error'],
    recommended: ['error'],
    strict: ['error'],
  });
});

// The fixtures as a table: test/fixtures/rules/quantity-invalid/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('quantity-invalid', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'Container "db" requests.cpu',
            problem: '"1.5.0" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 15,
          column: 20,
          endLine: 15,
          endColumn: 25,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'Container "db" requests.memory',
            problem: '"1Gb" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 16,
          column: 23,
          endLine: 16,
          endColumn: 26,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'Container "db" requests.nvidia.com/gpu',
            problem: '"0.5" is not a whole number; the extended resource nvidia.com/gpu is counted in whole units',
          },
          line: 17,
          column: 31,
          endLine: 17,
          endColumn: 34,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'Container "db" limits.memory',
            problem: '"-1Gi" is negative; resource amounts must be zero or more',
          },
          line: 19,
          column: 23,
          endLine: 19,
          endColumn: 27,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'Container "db" limits.ephemeral-storage',
            problem: '"" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 20,
          column: 34,
          endLine: 20,
          endColumn: 36,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'Volume "cache" emptyDir.sizeLimit',
            problem: '"1 Gi" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 23,
          column: 33,
          endLine: 23,
          endColumn: 37,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'volumeClaimTemplate "data" requests.storage',
            problem: '"ten" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 28,
          column: 31,
          endLine: 28,
          endColumn: 34,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'LimitRange Container max.memory',
            problem: '"2GiB" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 'limitrange-limits+8',
          column: 21,
          endLine: 'limitrange-limits+8',
          endColumn: 25,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'LimitRange Container maxLimitRequestRatio.cpu',
            problem: '"abc" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 'limitrange-limits+9',
          column: 35,
          endLine: 'limitrange-limits+9',
          endColumn: 38,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'ResourceQuota hard.requests.cpu',
            problem: '"10 cores" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 'resourcequota-quota+7',
          column: 19,
          endLine: 'resourcequota-quota+7',
          endColumn: 27,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'ResourceQuota hard.pods',
            problem: '"-5" is negative; resource amounts must be zero or more',
          },
          line: 'resourcequota-quota+8',
          column: 11,
          endLine: 'resourcequota-quota+8',
          endColumn: 15,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'PersistentVolumeClaim requests.storage',
            problem: '"10 GB" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 'persistentvolumeclaim-data+8',
          column: 16,
          endLine: 'persistentvolumeclaim-data+8',
          endColumn: 21,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidQuantity',
          data: {
            label: 'HorizontalPodAutoscaler pods metric target.averageValue',
            problem: '"1k5" is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)',
          },
          line: 'horizontalpodautoscaler-api+12',
          column: 52,
          endLine: 'horizontalpodautoscaler-api+12',
          endColumn: 55,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
