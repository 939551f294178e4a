import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';

const RULE = ['cronjob-deadline'];

describe('cronjob-deadline', () => {
  test('flags a CronJob without startingDeadlineSeconds and inserts 300', () => {
    const text = fx('cronjob-deadline', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['6:1-6:5', 'info', true]]);
    assert.equal(
      applyFix(text, ds[0]),
      `${text}  startingDeadlineSeconds: 300 # TODO: how late a missed run may still start\n`,
    );
  });

  test('a deadline passes', () => assert.deepEqual(lint(fx('cronjob-deadline', 'pass.yaml'), RULE), []));
});
