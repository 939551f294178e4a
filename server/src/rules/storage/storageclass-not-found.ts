import { defineRule } from '../../engine/rule';
import { searchedFiles, similarNames } from '../../rulekit/lookups';
import { claimClass, claimSpecs } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'storageclass-not-found',
    category: 'storage',
    severity: 'info',
    fixable: false,
    // no preferred fix, but "did you mean" suggestions: guesses, so unsafe
    fix: 'unsafe',
    usesIndex: true,
    kinds: ['PersistentVolumeClaim', ...POD_KINDS],
    docs: {
      description:
        'A claim (PersistentVolumeClaim, `volumeClaimTemplates` entry, generic ephemeral volume) whose `storageClassName` names no StorageClass of the workspace, when the workspace defines StorageClasses at all: the claim stays Pending on a cluster without that class.',
      remediation: 'Use one of the StorageClasses the workspace defines, or define the one named.',
    },
    messages: {
      storageClassNotFound:
        '{{label}} names StorageClass "{{clsName}}", which is not among the StorageClasses defined ({{list}}; {{searchedFiles}}).',
    },
  },
  check(ctx) {
    const classes = ctx.index
      .objects('StorageClass')
      .map((c) => c.name)
      .filter((n): n is string => !!n);
    // Without any StorageClass in the workspace, classes are the cluster's business: nothing to compare with.
    if (classes.length === 0) return;
    for (const claim of claimSpecs(ctx)) {
      const cls = claimClass(ctx, claim);
      // `""` asks for no class (static binding to a PersistentVolume).
      if (!cls || cls.name === '' || classes.includes(cls.name)) continue;
      const close = similarNames(cls.name, classes);
      const offered = close.length ? close : classes.slice(0, 3);
      ctx.report({
        node: cls.node,
        messageId: 'storageClassNotFound',
        data: {
          label: claim.label,
          clsName: cls.name,
          // each class named once, however often it is defined
          list: [...new Set(classes)].map((c) => `"${c}"`).join(', '),
          searchedFiles: searchedFiles(ctx.index),
        },
        suggest: offered.map((name) => ({
          title: `Use StorageClass "${name}"`,
          edit: (e) => e.setValue(cls.node, name),
        })),
      });
    }
  },
});
