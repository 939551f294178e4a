import { isPair } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { Commented, Raw, renderScalar } from '../../yaml/render';
import { claimSpecs, DEFAULT_STORAGE_REQUEST, STORAGE_TODO } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'pvc-storage-request-missing',
    category: 'storage',
    severity: 'error',
    fixable: true,
    fix: 'unsafe',
    kinds: ['PersistentVolumeClaim', ...POD_KINDS],
    docs: {
      description:
        'A PersistentVolumeClaim, StatefulSet `volumeClaimTemplates` entry or generic ephemeral volume without `resources.requests.storage`: the API server rejects the claim, so nothing is provisioned and the pods never start.',
      remediation: 'Set `spec.resources.requests.storage` to the capacity the volume needs (for example `10Gi`).',
    },
    messages: {
      noStorageRequest:
        '{{label}} has no resources.requests.storage: the API server rejects it, so no volume is provisioned.',
    },
  },
  check(ctx) {
    for (const claim of claimSpecs(ctx)) {
      const resources = ctx.nav.pair(claim.spec, 'resources');
      const requests = ctx.nav.pair(ctx.nav.map(resources?.value), 'requests');
      if (ctx.nav.getStr(ctx.nav.map(requests?.value), 'storage') !== undefined) continue;
      // A written limit is the size the author had in mind: request it (a claim gets at least what it requests).
      const limitNode = ctx.nav.getIn(ctx.nav.map(resources?.value), ['limits', 'storage']);
      const limit = ctx.nav.str(limitNode);
      const copied = limit !== undefined && ctx.quantity(limitNode) !== undefined ? limit : undefined;
      const value =
        copied !== undefined
          ? new Raw(renderScalar(copied))
          : new Commented(new Raw(DEFAULT_STORAGE_REQUEST), STORAGE_TODO);
      const node = requests ?? resources ?? claim.anchor;
      ctx.report({
        node,
        keyOnly: isPair(node),
        messageId: 'noStorageRequest',
        data: { label: claim.label },
        fix: {
          title: `Add resources.requests.storage: ${copied ?? DEFAULT_STORAGE_REQUEST}`,
          edit: (e) =>
            claim.spec
              ? e.ensurePath(claim.spec, ['resources', 'requests', 'storage'], value)
              : e.ensurePath(claim.holder, ['spec', 'resources', 'requests', 'storage'], value),
        },
      });
    }
  },
});
