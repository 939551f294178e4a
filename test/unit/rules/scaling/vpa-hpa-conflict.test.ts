import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix, fixAllText } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['vpa-hpa-conflict'];

describe('vpa-hpa-conflict', () => {
  test('flags an Auto VPA (default) and a Recreate VPA on the resource the HPA scales on', () => {
    const text = fx('vpa-hpa-conflict', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['50:3-50:12', 'warning', true],
      ['67:17-67:25', 'warning', true],
    ]);
    assert.equal(
      said(ds[0]),
      'vpaResizesHpaMetric {hpaNames="web", mode=Auto, refKind=Deployment, refName=web, resources=cpu}',
    );
    assert.equal(ds[0].fix!.title, 'Let the VPA control only memory (controlledResources)');
    assert.equal(ds[0].suggestions![0].title, 'Set updateMode: "Off" (the VPA only recommends)');
  });

  test('the fix limits controlledResources: a new "*" policy, or the contested item removed', () => {
    const text = fx('vpa-hpa-conflict', 'fire.yaml');
    const [auto, named] = lint(text, RULE);
    const autoDoc = '    kind: Deployment\n    name: web\n---\n# Recreate mode';
    assert.equal(
      applyFix(text, auto),
      text.replace(
        autoDoc,
        '    kind: Deployment\n    name: web\n  resourcePolicy:\n    containerPolicies:\n      - containerName: "*"\n        controlledResources:\n          - memory\n---\n# Recreate mode',
      ),
    );
    assert.equal(
      applyFix(text, named),
      text.replace('controlledResources: [cpu, memory]', 'controlledResources: [memory]'),
    );
    assert.equal(
      applyEdits(text, auto.suggestions![0].edits),
      text.replace(
        autoDoc,
        '    kind: Deployment\n    name: web\n  updatePolicy:\n    updateMode: "Off"\n---\n# Recreate mode',
      ),
    );
    assert.equal(
      applyEdits(text, named.suggestions![0].edits),
      text.replace('    updateMode: Recreate # applies on restart', '    updateMode: "Off" # applies on restart'),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('when the HPA scales on both cpu and memory, the preferred fix is updateMode: "Off"', () => {
    const text = fx('vpa-hpa-conflict', 'fire.yaml').replace(
      '          averageUtilization: 70\n',
      '          averageUtilization: 70\n    - type: Resource\n      resource:\n        name: memory\n        target:\n          type: Utilization\n          averageUtilization: 80\n',
    );
    const ds = lint(text, RULE);
    assert.equal(ds.length, 2);
    assert.equal(
      said(ds[0]),
      'vpaResizesHpaMetric {hpaNames="web", mode=Auto, refKind=Deployment, refName=web, resources=cpu and memory}',
    );
    assert.equal(ds[0].fix!.title, 'Set updateMode: "Off" (the VPA only recommends)');
    assert.equal(ds[0].suggestions, undefined);
  });

  test('a ContainerResource metric conflicts only through the container it names', () => {
    // Two containers; the named VPA leaves cpu of "web" alone, but "sidecar" falls back to the defaults (cpu too).
    const text = fx('vpa-hpa-conflict', 'fire.yaml')
      .replace(
        '              memory: 256Mi\n',
        '              memory: 256Mi\n        - name: sidecar\n          image: ghcr.io/example/sidecar:1.0.0\n',
      )
      .replace('controlledResources: [cpu, memory]', 'controlledResources: [memory]');
    assert.deepEqual(
      lint(text, RULE).map((d) => d.range.start.line + 1),
      [52, 69],
    );
    const perContainer = text.replace(
      '    - type: Resource\n      resource:\n        name: cpu',
      '    - type: ContainerResource\n      containerResource:\n        container: web\n        name: cpu',
    );
    assert.deepEqual(brief(lint(perContainer, RULE)), [['53:3-53:12', 'warning', true]]);
  });

  test('across a workspace', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('vpa-hpa-conflict', RULE)), [
      ['vpa.yaml', '13:17-13:21', 'warning', true],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/vpa-hpa-conflict/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('vpa-hpa-conflict', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'vpaResizesHpaMetric',
          data: { mode: 'Auto', resources: 'cpu', refKind: 'Deployment', refName: 'web', hpaNames: '"web"' },
          line: 50,
          column: 3,
          endLine: 50,
          endColumn: 12,
          severity: 'warning',
          fix: 'Let the VPA control only memory (controlledResources)',
          suggestions: [{ title: 'Set updateMode: "Off" (the VPA only recommends)' }],
        },
        {
          messageId: 'vpaResizesHpaMetric',
          data: { mode: 'Recreate', resources: 'cpu', refKind: 'Deployment', refName: 'web', hpaNames: '"web"' },
          line: 67,
          column: 17,
          endLine: 67,
          endColumn: 25,
          severity: 'warning',
          fix: 'Let the VPA control only memory (controlledResources)',
          suggestions: [{ title: 'Set updateMode: "Off" (the VPA only recommends)' }],
        },
      ],
    },
  ],
});
