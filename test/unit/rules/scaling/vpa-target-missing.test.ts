import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { lint } from '../../../support/lint';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';

const RULE = ['vpa-target-missing'];

describe('vpa-target-missing', () => {
  test('flags a targetRef that names no workload, suggesting the near name', () => {
    const text = fx('vpa-target-missing', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['28:11-28:15', 'warning', false]]);
    assert.equal(
      ds[0].message,
      'VerticalPodAutoscaler targets Deployment "webb", which no manifest defines in namespace "shop" (searched 1 file: untitled:manifest.yaml). Did you mean Deployment "web"?',
    );
    assert.equal(applyEdits(text, ds[0].suggestions![0].edits), text.replace('name: webb # typo', 'name: web # typo'));
  });

  test('a DaemonSet target (VPAs size any workload) passes', () =>
    assert.deepEqual(lint(fx('vpa-target-missing', 'pass.yaml'), RULE), []));

  test('the same name in another namespace does not count', () => {
    const text = fx('vpa-target-missing', 'pass.yaml').replace(
      '  name: agent\n  namespace: shop',
      '  name: agent\n  namespace: ops',
    );
    assert.deepEqual(brief(lint(text, RULE)), [['28:11-28:16', 'info', false]]);
  });

  test('across a workspace', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('vpa-target-missing', RULE)), [
      ['vpa.yaml', '24:11-24:17', 'warning', false],
    ]);
  });
});
