import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { hasValidDigest, isMutable, parseImage } from '../../../../server/src/rulekit/images/image-ref';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('image references', () => {
  test('registries, ports, tags and digests are told apart', () => {
    const cases: Array<[string, string | undefined, string, string | undefined, string | undefined]> = [
      ['nginx', undefined, 'nginx', undefined, undefined],
      ['nginx:1.27', undefined, 'nginx', '1.27', undefined],
      ['bitnami/redis:7.2', undefined, 'bitnami/redis', '7.2', undefined],
      ['localhost:5000/app', 'localhost:5000', 'app', undefined, undefined],
      ['localhost:5000/app:1.2', 'localhost:5000', 'app', '1.2', undefined],
      ['localhost/app', 'localhost', 'app', undefined, undefined],
      ['registry.example.com:443/team/app:2.0', 'registry.example.com:443', 'team/app', '2.0', undefined],
      ['k8s.gcr.io/pause:3.9', 'k8s.gcr.io', 'pause', '3.9', undefined],
      [`app@${DIGEST}`, undefined, 'app', undefined, DIGEST],
      [`app:1.2@${DIGEST}`, undefined, 'app', '1.2', DIGEST],
      [`host:5000/app@${DIGEST}`, 'host:5000', 'app', undefined, DIGEST],
    ];
    for (const [raw, registry, repository, tag, digest] of cases) {
      assert.deepEqual(parseImage(raw), { raw, registry, repository, tag, digest }, raw);
    }
  });

  test('only no tag and :latest without a digest are mutable', () => {
    const mutable = (s: string): boolean => isMutable(parseImage(s)!);
    assert.equal(mutable('nginx'), true);
    assert.equal(mutable('nginx:latest'), true);
    assert.equal(mutable('localhost:5000/app'), true);
    assert.equal(mutable('nginx:'), true);
    assert.equal(mutable('localhost:5000/app:1.2'), false);
    assert.equal(mutable('nginx:1.27'), false);
    assert.equal(mutable(`nginx:latest@${DIGEST}`), false);
    assert.equal(mutable(`nginx@${DIGEST}`), false);
  });

  test('templated and empty references are not judged; digests are validated', () => {
    for (const s of ['', '  ', '$(IMAGE)', '${REGISTRY}/app:1', '{{ .Values.image }}', 'repo/<name>:1', 'two words']) {
      assert.equal(parseImage(s), undefined, s);
    }
    assert.equal(hasValidDigest(parseImage(`a@${DIGEST}`)!), true);
    assert.equal(hasValidDigest(parseImage('a@sha256:abc')!), false);
    assert.equal(hasValidDigest(parseImage('a:1')!), false);
  });
});
