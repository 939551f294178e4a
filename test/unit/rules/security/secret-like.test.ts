import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  isPlaceholderValue,
  isSecretLikeName,
  secretKeyFor,
} from '../../../../server/src/rulekit/security/secret-like';

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
