import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'host-port';

describe(R, () => {
  test('every non-zero hostPort is a warning', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['12:11-12:23', 'warning', 'Delete hostPort'],
      ['13:32-13:46', 'warning', 'Delete hostPort'],
    ]);
    assert.equal(ds[0].message, 'Container "web" binds port 80 on the node (hostPort).');
  });

  test('the fix deletes hostPort in block and flow style', () => {
    const text = fixture(R, 'fire.yaml');
    const [block, flow] = lintSorted(text, [R]);
    assert.equal(applyFix(text, block), text.replace('hostPort: 80 # reach it on the node', '# reach it on the node'));
    assert.equal(applyFix(text, flow), text.replace('{containerPort: 443, hostPort: 8443}', '{containerPort: 443}'));
  });

  test('no hostPort or hostPort 0 passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
