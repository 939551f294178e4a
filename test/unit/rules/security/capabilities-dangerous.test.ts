import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'capabilities-dangerous';

describe(R, () => {
  test('dangerous adds are errors, other adds beyond the baseline set are warnings', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['13:15-13:24', 'error', 'Remove NET_ADMIN from capabilities.add'],
      ['14:15-14:22', 'warning', 'Remove NET_RAW from capabilities.add'],
      ['18:30-18:39', 'error', 'Remove SYS_ADMIN from capabilities.add'],
    ]);
    assert.match(ds[1].message, /NET_RAW, which is outside the Pod Security baseline set/);
  });

  test('the fix removes the entry (keeping its comment), or the whole add list when it was the last', () => {
    const text = fixture(R, 'fire.yaml');
    const [netAdmin, netRaw, sysAdmin] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, netAdmin),
      text.replace('            - NET_ADMIN # for iptables\n', '            # for iptables\n'),
    );
    assert.equal(applyFix(text, netRaw), text.replace('            - NET_RAW\n', ''));
    assert.equal(applyFix(text, sysAdmin), text.replace('{add: [SYS_ADMIN]}', '{}'));
  });

  test('a baseline capability spelled differently is a warning whose fix respells it', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities:\n          add: [CAP_CHOWN]\n';
    const [d] = lint(text, [R]);
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /write it as CHOWN/);
    assert.equal(applyFix(text, d), text.replace('[CAP_CHOWN]', '[CHOWN]'));
  });

  test('in the minimal profile only the dangerous adds remain', () => {
    assert.deepEqual(
      lint(fixture(R, 'fire.yaml'), [R], { profile: 'minimal' }).map((d) => d.severity),
      ['error', 'error'],
    );
  });

  test('baseline adds pass', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
