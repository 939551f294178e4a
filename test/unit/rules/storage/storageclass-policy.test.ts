import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['storageclass-policy'];
const fixture = (name: string): string => readFixture('rules', 'storageclass-policy', name);

describe('storageclass-policy', () => {
  test('flags a missing allowVolumeExpansion and Immediate binding, as information', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, d.fix?.title]),
      [
        ['4:9-4:13', 'info', 'Add allowVolumeExpansion: true'],
        ['6:20-6:29', 'info', 'Set volumeBindingMode: WaitForFirstConsumer'],
      ],
    );
    assert.equal(
      ds[0].message,
      'StorageClass "fast" does not set allowVolumeExpansion: claims of this class can never be resized.',
    );
    assert.match(
      ds[1].message,
      /binds volumes Immediately: a volume may be provisioned in a zone where its pod cannot be scheduled/,
    );
  });

  test('the fixes insert or rewrite the fields', () => {
    const text = fixture('fire.yaml');
    const [expansion, binding] = lint(text, RULE);
    assert.equal(applyFix(text, expansion), text + 'allowVolumeExpansion: true\n');
    assert.equal(
      applyFix(text, binding),
      text.replace('volumeBindingMode: Immediate', 'volumeBindingMode: WaitForFirstConsumer'),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('an unset volumeBindingMode is Immediate', () => {
    const text =
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: x\nprovisioner: pd.csi.storage.gke.io\nallowVolumeExpansion: true\n';
    const [d] = lint(text, RULE);
    assert.equal(where(d), '4:9-4:10');
    assert.match(d.message, /binds volumes Immediately \(the default\)/);
    assert.equal(applyFix(text, d), text + 'volumeBindingMode: WaitForFirstConsumer\n');
  });

  test('complete classes, network filesystems and an explicit allowVolumeExpansion: false pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });
});
