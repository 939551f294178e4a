/**
 * Precision: manifests that already satisfy the restricted Pod Security profile, written the ways people write
 * them, get no diagnostic from any Pod Security rule in any profile, nor under a namespace that enforces
 * restricted. Each manifest also carries a mutation that must make a rule fire, so a manifest that the rules
 * silently skipped (not parsed, not seen as a workload) fails the test.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Profile } from '../../../../server/src/engine';
import { lint } from '../../../support/lint';
import { fixturePath, readFixture } from '../../../support/paths';
import { PSS_RULES } from './pss-support';

const DIR = fixturePath('pss', 'restricted');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const RESTRICTED_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
`;

/** file → a change that breaks the profile, and the rules that must then fire (each once). */
const MUTATIONS: Record<string, Array<[string, string, string[]]>> = {
  'anchors-and-merge.yaml': [
    // The anchored context serves three containers; the shared line is reported once.
    ['allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true', ['allow-privilege-escalation']],
    ['runAsUser: 2000', 'runAsUser: 0', ['run-as-user-root']],
  ],
  'block-pod-level.yaml': [
    ['        runAsNonRoot: true\n', '', ['run-as-non-root']],
    ['privileged: false', 'privileged: true', ['privileged-container']],
  ],
  'container-level-cronjob.yaml': [
    [
      '        spec:\n          restartPolicy',
      '        spec:\n          hostPID: true\n          restartPolicy',
      ['host-namespaces'],
    ],
    ['drop: ["ALL"]\n          containers', 'drop: ["NET_RAW"]\n          containers', ['capabilities-drop-all']],
  ],
  'everything-allowed.yaml': [
    ['hostPort: 0', 'hostPort: 8080', ['host-port']],
    ['type: container_t', 'type: spc_t', ['selinux-options']],
    ['emptyDir:\n', 'nfs: {server: nfs, path: /x}\n', ['restricted-volume-types']],
    ['net.ipv4.tcp_keepalive_time', 'net.core.somaxconn', ['unsafe-sysctls']],
    ['runtime/default', 'unconfined', ['apparmor-override']],
  ],
  'flow-and-quoted.yaml': [
    ['allowPrivilegeEscalation: "false"', 'allowPrivilegeEscalation: "true"', ['allow-privilege-escalation']],
    ['runAsNonRoot: "true"', 'runAsNonRoot: "false"', ['run-as-non-root']],
  ],
  'windows-and-json.yaml': [
    [
      'name: windows',
      'name: linux',
      ['allow-privilege-escalation', 'capabilities-drop-all', 'read-only-root-fs', 'seccomp-profile'],
    ],
    ['"readOnlyRootFilesystem": true', '"readOnlyRootFilesystem": false', ['read-only-root-fs']],
  ],
};

describe('Pod Security rules: precision on restricted-compliant manifests', () => {
  test('every precision manifest has mutations (and there are several manifests)', () => {
    assert.ok(FILES.length >= 6, FILES.join(', '));
    assert.deepEqual(FILES, Object.keys(MUTATIONS).sort());
  });

  for (const file of FILES) {
    const text = readFixture('pss', 'restricted', file);
    for (const profile of ['minimal', 'recommended', 'strict'] as Profile[]) {
      test(`${file}: nothing in the ${profile} profile`, () => {
        assert.deepEqual(lint(text, PSS_RULES, { profile }), []);
      });
    }
    test(`${file}: nothing under a namespace that enforces restricted`, () => {
      assert.deepEqual(lint(RESTRICTED_NAMESPACE + text, PSS_RULES, { profile: 'strict' }), []);
    });
    test(`${file}: each mutation makes exactly the expected rules fire`, () => {
      for (const [from, to, rules] of MUTATIONS[file]) {
        assert.ok(text.includes(from), `${file} contains ${JSON.stringify(from)}`);
        const ids = lint(text.replace(from, to), PSS_RULES, { profile: 'strict' }).map((d) => d.ruleId);
        assert.deepEqual(ids.sort(), [...rules].sort(), `${from} → ${to}`);
      }
    });
  }
});
