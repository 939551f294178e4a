import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';

const RULE = ['job-ttl'];

describe('job-ttl', () => {
  test('flags a Job without ttlSecondsAfterFinished and inserts one hour', () => {
    const text = fx('job-ttl', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['6:1-6:5', 'info', true]]);
    assert.equal(
      applyFix(text, ds[0]),
      `${text}  ttlSecondsAfterFinished: 3600 # TODO: how long the finished Job stays for inspection\n`,
    );
  });

  test('a TTL, or a Job that a CronJob owns, passes', () =>
    assert.deepEqual(lint(fx('job-ttl', 'pass.yaml'), RULE), []));
});
