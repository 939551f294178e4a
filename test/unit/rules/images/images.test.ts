import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('image-tag-mutable', () => {
  const RULE = ['image-tag-mutable'];

  test('no tag, :latest and a registry port without a tag fire on the image value', () => {
    const ds = lint(fixture('image-tag-mutable', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['14:18-14:30', '16:18-16:40', '17:34-17:57', '11:18-11:25']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning', 'warning'],
    );
    assert.match(ds[0].message, /Container "web": image "nginx:latest" uses the tag `latest`/);
    assert.match(ds[1].message, /"localhost:5000\/cache" has no tag/);
    assert.match(ds[3].message, /^Init container "migrate"/);
    assert.ok(ds.every((d) => !d.fix));
  });

  test('tags, digests, templated images, flow style, quotes and anchors pass', () => {
    assert.deepEqual(lint(fixture('image-tag-mutable', 'pass.yaml'), RULE), []);
  });

  test("the anchor tools' ignore annotations are honoured", () => {
    const pod = (annotation: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ${annotation}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
    assert.equal(lint(pod('team: x'), RULE).length, 1);
    assert.deepEqual(lint(pod('ignore-check.kube-linter.io/latest-tag: "dev only"'), RULE), []);
    assert.deepEqual(lint(pod('polaris.fairwinds.com/tagNotSpecified-exempt: "true"'), RULE), []);
    assert.deepEqual(lint(pod('kube-score/ignore: container-image-tag'), RULE), []);
  });
});

describe('image-pull-policy', () => {
  const RULE = ['image-pull-policy'];
  const text = fixture('image-pull-policy', 'fire.yaml');

  test('a missing policy and IfNotPresent with a mutable image fire', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['11:11-11:30', '14:11-14:40', '15:24-15:47']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info', 'info'],
    );
    assert.match(ds[1].message, /"redis" with imagePullPolicy IfNotPresent/);
  });

  test('the fixes insert or set Always, in block and flow style', () => {
    const [missing, ifNotPresent, flow] = lint(text, RULE);
    assert.equal(
      applyFix(text, missing),
      text.replace(
        'image: nginx:latest # moves with every push\n',
        'image: nginx:latest # moves with every push\n          imagePullPolicy: Always\n',
      ),
    );
    assert.equal(
      applyFix(text, ifNotPresent),
      text.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: Always'),
    );
    assert.equal(
      applyFix(text, flow),
      text.replace(
        '{name: flow, image: envoyproxy/envoy}',
        '{name: flow, image: envoyproxy/envoy, imagePullPolicy: Always}',
      ),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('explicit Always, deliberate Never and immutable images pass', () => {
    assert.deepEqual(lint(fixture('image-pull-policy', 'pass.yaml'), RULE), []);
  });
});

describe('image-digest-missing', () => {
  const RULE = ['image-digest-missing'];

  test('is off in the recommended profile and on in strict', () => {
    const text = fixture('image-digest-missing', 'fire.yaml');
    assert.deepEqual(lint(text, RULE), []);
    const ds = lint(text, RULE, { profile: 'strict' });
    assert.deepEqual(ds.map(where), ['9:14-9:26', '11:14-11:38']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning'],
    );
  });

  test('a malformed digest pins nothing', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx@sha256:abc\n';
    const ds = lint(pod, RULE, { profile: 'strict' });
    assert.deepEqual(ds.map(where), ['8:14-8:30']);
    assert.match(ds[0].message, /malformed digest "sha256:abc"/);
  });

  test('digests pass with or without a tag', () => {
    assert.deepEqual(lint(fixture('image-digest-missing', 'pass.yaml'), RULE, { profile: 'strict' }), []);
  });
});

describe('image-registry-deprecated', () => {
  const RULE = ['image-registry-deprecated'];
  const text = fixture('image-registry-deprecated', 'fire.yaml');

  test('k8s.gcr.io images fire, quoted or not', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['11:18-11:38', '13:18-13:134']);
    assert.match(ds[0].message, /frozen registry k8s.gcr.io; use registry.k8s.io/);
  });

  test('the fix rewrites only the registry, keeping quotes, tag, digest and comments', () => {
    const [plain, quoted] = lint(text, RULE);
    assert.equal(
      applyFix(text, plain),
      text.replace('image: k8s.gcr.io/pause:3.9 #', 'image: registry.k8s.io/pause:3.9 #'),
    );
    assert.equal(applyFix(text, quoted), text.replace('"k8s.gcr.io/ingress-nginx', '"registry.k8s.io/ingress-nginx'));
    assert.equal(fixAllText(text, RULE), text.replace(/(image: "?)k8s\.gcr\.io/g, '$1registry.k8s.io'));
  });

  test('registry.k8s.io and mirrors that only mention the old name pass', () => {
    assert.deepEqual(lint(fixture('image-registry-deprecated', 'pass.yaml'), RULE), []);
  });
});
