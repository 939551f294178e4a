import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint } from '../../../support/lint';
import { brief, fx } from './helpers';

const RULE = ['naked-pod'];

describe('naked-pod', () => {
  test('flags a Pod without an owner, on its name', () => {
    const ds = lint(fx('naked-pod', 'fire.yaml'), RULE);
    assert.deepEqual(brief(ds), [['5:9-5:14', 'info', false]]);
    assert.match(ds[0].message, /^A bare Pod is not recreated/);
  });

  test('a Pod that a controller owns passes', () => assert.deepEqual(lint(fx('naked-pod', 'pass.yaml'), RULE), []));

  test('the kubewise-ignore comment and annotation suppress it', () => {
    const text = fx('naked-pod', 'fire.yaml');
    assert.deepEqual(
      lint(text.replace('  name: debug\n', '  name: debug # kubewise-ignore naked-pod: a debugging shell\n'), RULE),
      [],
    );
    assert.deepEqual(
      lint(
        text.replace(
          '  namespace: shop\n',
          '  namespace: shop\n  annotations:\n    ignore-check.kubewise.dev/naked-pod: "a debugging shell"\n',
        ),
        RULE,
      ),
      [],
    );
  });
});
