/**
 * The index's shortcuts give what the plain way gives: `valueAt` reads one field as the whole plain value holds it,
 * and the label buckets (`podOwnersWithLabels`, `servicesSelecting`, `workloadsSelectedBy`) pick the objects, in
 * the order, that matching every object of the namespace picks.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../server/src/engine';
import {
  podLabelsOf,
  podOwnersIn,
  podOwnersWithLabels,
  serviceSelectorOf,
  servicesSelecting,
  workloadsSelectedBy,
} from '../../../server/src/model/relations';
import type { LabelSelector } from '../../../server/src/model/selector';
import { matchesMapSelector, matchesSelector } from '../../../server/src/model/selector';
import type { IndexedObject } from '../../../server/src/model/workspace';
import { valueAt } from '../../../server/src/model/workspace';

const TRICKY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tricky
  annotations: &notes
    helm.sh/hook: pre-install
  labels:
    app: old
    app: new
spec:
  replicas:
  selector:
    matchLabels: *notes
  template:
    metadata:
      labels:
        <<: {tier: web, app: merged}
        app: own
    spec:
      containers:
        - name: main
          image: nginx:1.27
          ports: [{containerPort: 80}]
`;

const PATHS = [
  ['metadata', 'annotations'],
  ['metadata', 'labels'],
  ['spec', 'replicas'],
  ['spec', 'selector', 'matchLabels'],
  ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'template', 'spec'],
  ['spec', 'template', 'spec', 'containers'],
  ['spec', 'missing', 'deeper'],
  ['metadata', 'name', 'not-a-map'],
  [],
];

function dig(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

describe('IndexedObject.valueAt', () => {
  test('reads a field as the whole plain value holds it: aliases, merge keys, duplicate keys, nulls, missing', () => {
    for (const path of PATHS) {
      // a fresh index each time: valueAt before anything converted the whole object
      const ws = new Workspace();
      ws.setFile('file:///w/a.yaml', TRICKY);
      const entry = ws.index().get('Deployment', 'default', 'tricky')!;
      assert.ok(entry.valueAt, 'a parsed object reads single fields');
      const partial = valueAt(entry, path);
      assert.deepEqual(partial, dig(entry.value, path), path.join('.'));
      // and once the whole value exists, from it
      assert.deepEqual(valueAt(entry, path), partial, path.join('.'));
    }
  });

  test('an object without valueAt is read from its value', () => {
    const plainOnly: IndexedObject = {
      uri: 'x.yaml',
      line: 0,
      apiVersion: 'v1',
      kind: 'Service',
      name: 's',
      namespace: 'default',
      labels: new Map(),
      templateLabels: undefined,
      value: { spec: { selector: { app: 'web' } } },
    };
    assert.deepEqual(valueAt(plainOnly, ['spec', 'selector']), { app: 'web' });
    assert.equal(valueAt(plainOnly, ['spec', 'selector', 'app', 'x']), undefined);
  });
});

/** A deterministic generator (a linear congruential one): the same namespace every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const KEYS = ['app', 'tier', 'team', 'track'];
const VALUES = ['a', 'b', 'c'];

function labelsYaml(pick: () => number, indent: string): string {
  const lines: string[] = [];
  for (const k of KEYS) if (pick() < 0.6) lines.push(`${indent}${k}: ${VALUES[Math.floor(pick() * VALUES.length)]}`);
  return lines.length ? `\n${lines.join('\n')}` : ' {}';
}

/** A namespace of workloads (some Helm hooks, some without pod labels) and Services (some without a selector). */
function namespace(seed: number): Workspace {
  const pick = random(seed);
  const docs: string[] = [];
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job'];
  for (let i = 0; i < 60; i++) {
    const kind = kinds[i % kinds.length];
    const hook = pick() < 0.1 ? '\n  annotations:\n    helm.sh/hook: test' : '';
    if (kind === 'Pod') {
      docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}${hook}\n  labels:${labelsYaml(pick, '    ')}\n`);
    } else {
      const api = kind === 'Job' ? 'batch/v1' : 'apps/v1';
      docs.push(
        `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: w${i}${hook}\nspec:\n  template:\n    metadata:\n      labels:${labelsYaml(pick, '        ')}\n`,
      );
    }
  }
  for (let i = 0; i < 40; i++) {
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  selector:${labelsYaml(pick, '    ')}\n`,
    );
  }
  const ws = new Workspace();
  ws.setFile('file:///w/all.yaml', docs.join('---\n'));
  return ws;
}

describe('label buckets', () => {
  for (const seed of [1, 7, 42]) {
    test(`pick what matching every object picks, in the same order (namespace ${seed})`, () => {
      const ws = namespace(seed);
      const index = ws.index();
      const services = index.objects('Service', 'default');
      const owners = podOwnersIn(index, 'default');
      assert.ok(owners.length > 40 && services.length === 40);
      let matched = 0;
      for (const service of services) {
        const selector = serviceSelectorOf(service);
        const naive = owners.filter((o) => {
          const labels = podLabelsOf(o);
          return !!labels && matchesMapSelector(selector, labels);
        });
        matched += naive.length;
        assert.deepEqual(podOwnersWithLabels(index, 'default', selector, false), naive, service.name);
        assert.deepEqual(podOwnersWithLabels(index, 'default', selector, true), naive.slice(0, 1), service.name);
        // the same pairs as a set-based selector (empty: it selects every pod), with and without an expression
        const asLabelSelector: LabelSelector = { matchLabels: selector, matchExpressions: [] };
        const withExpression: LabelSelector = {
          matchLabels: selector,
          matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['b'] }],
        };
        for (const s of [asLabelSelector, withExpression]) {
          assert.deepEqual(
            workloadsSelectedBy(index, 'default', s),
            owners.filter((o) => !!podLabelsOf(o) && matchesSelector(s, podLabelsOf(o)!)),
            service.name,
          );
        }
      }
      for (const owner of owners) {
        const labels = podLabelsOf(owner)!;
        const naive = services.filter((s) => matchesMapSelector(serviceSelectorOf(s), labels));
        assert.deepEqual(servicesSelecting(services, labels), naive, owner.name);
      }
      // the namespace is not degenerate: selectors pick some owners and miss others
      assert.ok(matched > 0 && matched < services.length * owners.length);
    });
  }
});
