import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { applyEdits } from '../../../../server/src/engine';
import {
  isPlaceholderValue,
  isSecretLikeName,
  secretKeyFor,
} from '../../../../server/src/rulekit/security/secret-like';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('secret-like names and values', () => {
  test('names are matched word by word, with cloud key names and references told apart', () => {
    const secret = [
      'DB_PASSWORD',
      'dbPassword',
      'db-passwd',
      'SMTP_PASS',
      'API_TOKEN',
      'GITHUB_TOKEN',
      'api_key',
      'ApiKey',
      'APIKEY',
      'PRIVATE_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'AZURE_CLIENT_SECRET',
      'AZURE_STORAGE_KEY',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'OCI_CLI_KEY_CONTENT',
      'JWT_SECRET',
      'SECRET_KEY_BASE',
      'client_secret',
      'BEARER',
      'REGISTRY_CREDS',
    ];
    const notSecret = [
      'LOG_LEVEL',
      'TOKEN_URL',
      'SECRET_NAME',
      'PASSWORD_FILE',
      'TOKEN_TTL_SECONDS',
      'PASSWORD_MIN_LENGTH',
      'AWS_ACCESS_KEY_ID',
      'MAX_TOKENS',
      'MAX_TOKEN',
      'PWD',
      'BYPASS_CACHE',
      'PASS_THROUGH',
      'TOKENIZER',
      'CACHE_KEY',
      'KEY',
      'SORT_KEY',
      'AUTH_HEADER',
    ];
    for (const n of secret) assert.equal(isSecretLikeName(n), true, n);
    for (const n of notSecret) assert.equal(isSecretLikeName(n), false, n);
  });

  test('placeholders, references, booleans and file paths hold no secret', () => {
    for (const v of [
      '',
      ' ',
      '$(TOKEN)',
      '${TOKEN}',
      '{{ .Values.token }}',
      '<your token>',
      'changeme',
      'CHANGE_ME',
      'TODO',
      'xxx',
      '***',
      'true',
      '/run/secrets/db',
    ]) {
      assert.equal(isPlaceholderValue(v), true, v);
    }
    for (const v of ['hunter2', 'sk_live_123', 'password', 'p@ss w0rd', 'secret'])
      assert.equal(isPlaceholderValue(v), false, v);
  });

  test('Secret keys are derived from the variable name', () => {
    assert.equal(secretKeyFor('DB_PASSWORD'), 'db-password');
    assert.equal(secretKeyFor('stripeApiKey'), 'stripe-api-key');
  });
});

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
    assert.equal(
      said(ds[0]),
      'environmentVariableAnyoneCan {envName=DB_PASSWORD, label=container "web", why=holds a literal secret}',
    );
    assert.equal(
      said(ds[2]),
      'environmentVariableAnyoneCan {envName=DATABASE_URL, label=container "web", why=holds a URL with a password in it}',
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
    assert.equal(
      said(ds[0]),
      'environmentVariableAnyoneCan {envName=TLS, label=container "c", why=holds a private key}',
    );
    assert.equal(
      applyFix(pod, ds[0]),
      pod.replace(
        / {10}value: \|\n(?: {12}.*\n){3}/,
        '          valueFrom:\n            secretKeyRef:\n              name: p-secrets # TODO: create this Secret with key tls; it is not in the workspace\n              key: tls\n',
      ),
    );
  });
});

describe('sensitive-configmap', () => {
  const RULE = ['sensitive-configmap'];

  test("Polaris's exemption annotation is honoured", () => {
    const text = fixture('sensitive-configmap', 'fire.yaml').replace(
      '  name: app-config\n',
      '  name: app-config\n  annotations:\n    polaris.fairwinds.com/sensitiveConfigmapContent-exempt: "true"\n',
    );
    assert.deepEqual(lint(text, RULE), []);
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
          messageId: 'environmentVariableAnyoneCan',
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
          messageId: 'environmentVariableAnyoneCan',
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
          messageId: 'environmentVariableAnyoneCan',
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
          messageId: 'environmentVariableAnyoneCan',
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

// The fixtures as a table: test/fixtures/rules/sensitive-configmap/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('sensitive-configmap', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'configmapKeyConfigmapsMeant',
          data: { key: 'db_password', why: 'looks like a secret' },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 14,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'configmapKeyConfigmapsMeant',
          data: { key: 'application.properties', why: 'sets spring.datasource.password to a literal value' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 25,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'configmapKeyConfigmapsMeant',
          data: { key: 'tls.key', why: 'holds a private key' },
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 10,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'configmapKeyConfigmapsMeant',
          data: { key: 'DATABASE_URL', why: 'holds a URL with a password' },
          line: 16,
          column: 3,
          endLine: 16,
          endColumn: 15,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
