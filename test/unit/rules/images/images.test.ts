import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('image-tag-mutable', () => {
  const RULE = ['image-tag-mutable'];

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
    assert.equal(said(ds[1]), 'pullsMutableImageImagepullpolicy {label=Container "cache", refRaw=redis}');
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
    assert.equal(
      said(ds[0]),
      'imageHasMalformedDigest {digest=sha256:abc, label=Container "c", refRaw=nginx@sha256:abc}',
    );
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
    assert.equal(said(ds[0]), 'imageComesFrozenRegistry {container=Container "pause", refRaw=k8s.gcr.io/pause:3.9}');
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
});

// The fixtures as a table: test/fixtures/rules/image-tag-mutable/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-tag-mutable', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'imagePinVersionTag',
          data: { container: 'Container "web"', refRaw: 'nginx:latest', what: 'uses the tag `latest`' },
          line: 14,
          column: 18,
          endLine: 14,
          endColumn: 30,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imagePinVersionTag',
          data: {
            container: 'Container "cache"',
            refRaw: 'localhost:5000/cache',
            what: 'has no tag (it means `latest`)',
          },
          line: 16,
          column: 18,
          endLine: 16,
          endColumn: 40,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imagePinVersionTag',
          data: {
            container: 'Container "sidecar"',
            refRaw: 'docker.io/library/envoy',
            what: 'has no tag (it means `latest`)',
          },
          line: 17,
          column: 34,
          endLine: 17,
          endColumn: 57,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imagePinVersionTag',
          data: { container: 'Init container "migrate"', refRaw: 'busybox', what: 'has no tag (it means `latest`)' },
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 25,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/image-pull-policy/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-pull-policy', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'pullsMutableImageWithout',
          data: { label: 'Container "web"', refRaw: 'nginx:latest' },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 30,
          severity: 'info',
          fix: 'Add imagePullPolicy: Always',
        },
        {
          messageId: 'pullsMutableImageImagepullpolicy',
          data: { label: 'Container "cache"', refRaw: 'redis' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 40,
          severity: 'info',
          fix: 'Set imagePullPolicy: Always',
        },
        {
          messageId: 'pullsMutableImageWithout',
          data: { label: 'Container "flow"', refRaw: 'envoyproxy/envoy' },
          line: 15,
          column: 24,
          endLine: 15,
          endColumn: 47,
          severity: 'info',
          fix: 'Add imagePullPolicy: Always',
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/image-digest-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-digest-missing', {
  valid: [{ code: ruleFixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: ruleFixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'imagePinnedDigestSha256',
          data: { label: 'Container "web"', refRaw: 'nginx:1.27.3' },
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imagePinnedDigestSha256',
          data: { label: 'Container "proxy"', refRaw: 'localhost:5000/proxy:2' },
          line: 11,
          column: 14,
          endLine: 11,
          endColumn: 38,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/image-registry-deprecated/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-registry-deprecated', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'imageComesFrozenRegistry',
          data: { container: 'Container "pause"', refRaw: 'k8s.gcr.io/pause:3.9' },
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 38,
          severity: 'warning',
          fix: 'Pull from registry.k8s.io',
        },
        {
          messageId: 'imageComesFrozenRegistry',
          data: {
            container: 'Container "controller"',
            refRaw:
              'k8s.gcr.io/ingress-nginx/controller:v1.2.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          },
          line: 13,
          column: 18,
          endLine: 13,
          endColumn: 134,
          severity: 'warning',
          fix: 'Pull from registry.k8s.io',
        },
      ],
    },
  ],
});
