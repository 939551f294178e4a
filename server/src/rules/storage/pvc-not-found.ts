import { defineRule } from '../../engine/rule';
import type { IndexedObject, WorkspaceIndexView } from '../../model/workspace';
import type { YamlValue } from '../../yaml/render';
import { Commented, Raw } from '../../yaml/render';
import { ownClaimTemplates } from '../../rulekit/storage/claim-templates';
import {
  asArray,
  asRecord,
  asText,
  heldNearby,
  maxReplicas,
  namespaceOf,
  searchedFiles,
  similarNames,
} from '../../rulekit/lookups';
import { claimRefs, DEFAULT_STORAGE_REQUEST, STORAGE_TODO } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

/** The annotation that marks a cluster's default StorageClass. */
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/**
 * Whether a StatefulSet of the namespace creates the claim from a `volumeClaimTemplates` entry: its claims are
 * named `<template>-<statefulset>-<ordinal>`.
 */
function createdByStatefulSet(
  index: WorkspaceIndexView,
  namespace: string,
  claimName: string,
): IndexedObject | undefined {
  for (const sts of index.objects('StatefulSet')) {
    if (sts.namespace !== namespace || !sts.name) continue;
    for (const t of asArray(asRecord(sts.value.spec)?.volumeClaimTemplates)) {
      const name = asText(asRecord(asRecord(t)?.metadata)?.name);
      if (name && new RegExp(`^${escape(name)}-${escape(sts.name)}-\\d+$`).test(claimName)) return sts;
    }
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The class a new claim should name: the StorageClass the workspace marks as default, else its only one, else a
 * placeholder to confirm (a claim without a class is what pvc-storage-class-missing reports).
 */
function classForNewClaim(index: WorkspaceIndexView): YamlValue {
  const classes = index.objects('StorageClass').filter((c) => c.name);
  const marked = classes.find(
    (c) => asText(asRecord(asRecord(c.value.metadata)?.annotations)?.[DEFAULT_CLASS_ANNOTATION]) === 'true',
  );
  if (marked) return marked.name!;
  // one class defined in several files (an overlay per environment) is still one class
  const names = [...new Set(classes.map((c) => c.name!))];
  if (names.length === 1) return names[0];
  if (names.length > 1) return new Commented(names[0], `TODO: or ${names.slice(1, 4).join(', ')}`);
  return new Commented('standard', "TODO: the cluster's storage class");
}

export default defineRule({
  meta: {
    id: 'pvc-not-found',
    category: 'storage',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: POD_KINDS,
    docs: {
      description:
        "A pod volume whose `persistentVolumeClaim.claimName` names a claim that no manifest of the workspace defines in the pod's namespace (nor a StatefulSet's `volumeClaimTemplates` creates): unless something else creates it, the pods stay Pending.",
      remediation: 'Fix the name, or define the PersistentVolumeClaim next to the workload.',
    },
    messages: {
      claimNotFound:
        'No PersistentVolumeClaim "{{claimName}}" in namespace "{{ns}}" is defined ({{searchedFiles}}); the pods stay Pending until it exists.',
    },
  },
  check(ctx) {
    const index = ctx.index;
    // With nothing indexed (a host without a workspace index) absence proves nothing.
    if (index.files().length === 0) return;
    const refs = claimRefs(ctx);
    if (refs.length === 0) return;
    const ns = namespaceOf(ctx);
    // Claims managed in this workspace for this namespace: a missing one is likely a typo. Otherwise they
    // plausibly live elsewhere (another repository, an operator), and the finding is only information.
    const severity = heldNearby(ctx, ['PersistentVolumeClaim']) ? 'warning' : 'info';
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const replicas = maxReplicas(
      index,
      { kind: ctx.object.kind, name: ctx.object.name, namespace: ns },
      ctx.nav.getStr(spec, 'replicas'),
    );
    const shared = replicas.count > 1 && ctx.object.kind !== 'StatefulSet';
    for (const ref of refs) {
      if (index.get('PersistentVolumeClaim', ns, ref.claimName)) continue;
      if (createdByStatefulSet(index, ns, ref.claimName)) continue;
      // A StatefulSet's own volumeClaimTemplates provide the pod volume of that name
      if (ownClaimTemplates(ctx).has(ref.volumeName ?? '') || ownClaimTemplates(ctx).has(ref.claimName)) continue;
      const metadata: { [k: string]: YamlValue } = { name: ref.claimName };
      if (ctx.object.namespace !== undefined) metadata.namespace = ctx.object.namespace;
      const stub: { [k: string]: YamlValue } = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata,
        spec: {
          // Several pods on several nodes need a claim they can share; one pod is served by ReadWriteOnce.
          accessModes: [
            shared
              ? new Commented('ReadWriteMany', 'TODO: needs a storage class that supports shared access')
              : 'ReadWriteOnce',
          ],
          storageClassName: classForNewClaim(index),
          resources: { requests: { storage: new Commented(new Raw(DEFAULT_STORAGE_REQUEST), STORAGE_TODO) } },
        },
      };
      const close = similarNames(
        ref.claimName,
        index
          .objects('PersistentVolumeClaim')
          .filter((c) => c.namespace === ns && c.name)
          .map((c) => c.name!),
      );
      const claimNode = ref.node;
      ctx.report({
        node: ref.node,
        severity,
        suggest: close.map((name) => ({
          title: `Use PersistentVolumeClaim "${name}"`,
          edit: (e) => e.setValue(claimNode, name),
        })),
        messageId: 'claimNotFound',
        data: { claimName: ref.claimName, ns, searchedFiles: searchedFiles(index) },
        fix: {
          title: `Add a PersistentVolumeClaim "${ref.claimName}"`,
          edit: (e) => e.appendMap(stub, 2),
        },
      });
    }
  },
});
