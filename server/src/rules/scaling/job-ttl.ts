import { defineRule } from '../../engine/rule';
import { Commented } from '../../yaml/render';
import { objectAnchor } from '../../rulekit/scaling/util';

/** One hour: long enough to read the logs of a finished Job, short enough not to pile up Jobs and pods. */
const JOB_TTL_SECONDS = 3600;

export default defineRule({
  meta: {
    id: 'job-ttl',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['Job'],
    aliases: { kubeLinter: ['job-ttl-seconds-after-finished'] },
    docs: {
      description:
        "A Job without `spec.ttlSecondsAfterFinished`: the finished Job and its pods stay in the cluster until someone deletes them. Jobs that a CronJob creates (owner references) are left to the CronJob's history limits.",
      remediation:
        'Set `spec.ttlSecondsAfterFinished` (for example 3600) so that the TTL controller deletes the Job once it has finished.',
    },
    messages: {
      noTtlAfterFinished:
        'This Job has no ttlSecondsAfterFinished: once finished, it and its pods stay in the cluster until deleted by hand.',
    },
  },
  check(ctx) {
    if ((ctx.nav.getSeq(ctx.object.metadata, 'ownerReferences')?.items.length ?? 0) > 0) return;
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    if (ctx.nav.pair(spec, 'ttlSecondsAfterFinished')) return;
    const specPair = ctx.nav.pair(ctx.object.node, 'spec');
    ctx.report({
      node: specPair ?? objectAnchor(ctx),
      keyOnly: true,
      messageId: 'noTtlAfterFinished',
      fix: {
        title: `Set ttlSecondsAfterFinished: ${JOB_TTL_SECONDS}`,
        edit: (e) =>
          e.ensurePath(
            ctx.object.node,
            ['spec', 'ttlSecondsAfterFinished'],
            new Commented(JOB_TTL_SECONDS, 'TODO: how long the finished Job stays for inspection'),
          ),
      },
    });
  },
});
