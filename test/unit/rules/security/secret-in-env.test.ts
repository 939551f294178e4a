import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('secret-in-env', () => {
  const RULE = ['secret-in-env'];
  const text = fixture('secret-in-env', 'fire.yaml');

  test('literal secrets fire on the value, whatever its quoting', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['17:22-17:29', '18:43-18:56', '20:22-20:56', '22:22-22:64']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning', 'warning'],
    );
    assert.equal(said(ds[0]), 'secretInEnv {envName=DB_PASSWORD, label=container "web", why=holds a literal secret}');
    assert.equal(
      said(ds[2]),
      'secretInEnv {envName=DATABASE_URL, label=container "web", why=holds a URL with a password in it}',
    );
    // The message never repeats the secret.
    assert.ok(ds.every((d) => !/hunter2|sk_live|s3cr3t|wJalr/.test(said(d))));
  });

  test('the fix reads the value from a Secret named after the workload, in block and flow style', () => {
    const [block, flow] = lint(text, RULE);
    assert.equal(block.fix!.title, 'Read DB_PASSWORD from Secret "web-secrets" (key db-password)');
    assert.equal(
      applyFix(text, block),
      text.replace(
        '              value: hunter2 # rotated yearly\n',
        // the Secret is not in the workspace: the reference says so
        '              valueFrom:\n                secretKeyRef:\n                  name: web-secrets # TODO: create this Secret with key db-password; it is not in the workspace\n                  key: db-password # rotated yearly\n',
      ),
    );
    assert.equal(
      applyFix(text, flow),
      text.replace(
        '{name: stripeApiKey, value: "sk_live_123"}',
        '{name: stripeApiKey, valueFrom: {secretKeyRef: {name: web-secrets, key: stripe-api-key}}} # TODO: create this Secret with key stripe-api-key; it is not in the workspace',
      ),
    );
    const all = fixAllText(text, RULE);
    assert.deepEqual(lint(all, RULE), []);
    assert.ok(!/hunter2|sk_live|s3cr3t|wJalr/.test(all));
    assert.match(all, /# rotated yearly/);
  });

  test('the suggestion also appends a Secret stub with TODO placeholders, never the secret', () => {
    const [block] = lint(text, RULE);
    assert.equal(block.suggestions?.length, 1);
    const withStub = applyEdits(text, block.suggestions![0].edits);
    const docs = withStub.split(/^---\n/m).map((d) => parse(d));
    assert.equal(docs.length, 2);
    assert.deepEqual(docs[1], {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-secrets', namespace: 'shop' },
      type: 'Opaque',
      stringData: {
        'db-password': 'TODO',
        'stripe-api-key': 'TODO',
        'database-url': 'TODO',
        'aws-secret-access-key': 'TODO',
      },
    });
    assert.ok(!withStub.includes('hunter2'));
    // Once the Secret exists in the text, only the conversion is offered.
    const again = lint(withStub, RULE);
    assert.equal(again.length, 3);
    assert.ok(again.every((d) => !d.suggestions));
  });

  test('the fix keeps CRLF line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const all = fixAllText(crlf, RULE);
    assert.deepEqual(lint(all, RULE), []);
    assert.ok(!/[^\r]\n/.test(all), 'a bare LF was written');
    assert.match(
      all,
      /valueFrom:\r\n {16}secretKeyRef:\r\n {18}name: web-secrets # TODO: [^\r\n]*\r\n {18}key: db-password # rotated yearly\r\n/,
    );
  });

  test('a private key passes no name test', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1.27
      env:
        - name: TLS
          value: |
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIB
            -----END EC PRIVATE KEY-----
        - name: NEXT
          value: "1"
`;
    const ds = lint(pod, RULE);
    assert.deepEqual(ds.map(where), ['11:18-14:41']);
    assert.equal(said(ds[0]), 'secretInEnv {envName=TLS, label=container "c", why=holds a private key}');
    assert.equal(
      applyFix(pod, ds[0]),
      pod.replace(
        / {10}value: \|\n(?: {12}.*\n){3}/,
        '          valueFrom:\n            secretKeyRef:\n              name: p-secrets # TODO: create this Secret with key tls; it is not in the workspace\n              key: tls\n',
      ),
    );
  });
});

// The fixtures as a table: test/fixtures/rules/secret-in-env/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('secret-in-env', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'secretInEnv',
          data: { envName: 'DB_PASSWORD', label: 'container "web"', why: 'holds a literal secret' },
          line: 17,
          column: 22,
          endLine: 17,
          endColumn: 29,
          severity: 'warning',
          fix: 'Read DB_PASSWORD from Secret "web-secrets" (key db-password)',
          suggestions: [{ title: 'Read DB_PASSWORD from a new Secret "web-secrets" (a stub with TODO values)' }],
        },
        {
          messageId: 'secretInEnv',
          data: { envName: 'stripeApiKey', label: 'container "web"', why: 'holds a literal secret' },
          line: 18,
          column: 43,
          endLine: 18,
          endColumn: 56,
          severity: 'warning',
          fix: 'Read stripeApiKey from Secret "web-secrets" (key stripe-api-key)',
          suggestions: [{ title: 'Read stripeApiKey from a new Secret "web-secrets" (a stub with TODO values)' }],
        },
        {
          messageId: 'secretInEnv',
          data: { envName: 'DATABASE_URL', label: 'container "web"', why: 'holds a URL with a password in it' },
          line: 20,
          column: 22,
          endLine: 20,
          endColumn: 56,
          severity: 'warning',
          fix: 'Read DATABASE_URL from Secret "web-secrets" (key database-url)',
          suggestions: [{ title: 'Read DATABASE_URL from a new Secret "web-secrets" (a stub with TODO values)' }],
        },
        {
          messageId: 'secretInEnv',
          data: { envName: 'AWS_SECRET_ACCESS_KEY', label: 'container "web"', why: 'holds a literal secret' },
          line: 22,
          column: 22,
          endLine: 22,
          endColumn: 64,
          severity: 'warning',
          fix: 'Read AWS_SECRET_ACCESS_KEY from Secret "web-secrets" (key aws-secret-access-key)',
          suggestions: [
            { title: 'Read AWS_SECRET_ACCESS_KEY from a new Secret "web-secrets" (a stub with TODO values)' },
          ],
        },
      ],
    },
  ],
});
