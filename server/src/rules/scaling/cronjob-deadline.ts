import { defineRule } from '../../engine/rule';
import { Commented } from '../../yaml/render';
import { objectAnchor } from '../../rulekit/scaling/util';

/** Five minutes: a run delayed by a controller restart still starts, a long outage does not start a backlog. */
const STARTING_DEADLINE_SECONDS = 300;

export default defineRule({
  meta: {
    id: 'cronjob-deadline',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['CronJob'],
    aliases: { kubeScore: ['cronjob-has-deadline'] },
    docs: {
      description:
        'A CronJob without `spec.startingDeadlineSeconds`: when the controller misses more than 100 schedules (controller down, clock skew, a long suspension), it stops scheduling the CronJob altogether ("too many missed start times").',
      remediation:
        'Set `spec.startingDeadlineSeconds` (for example 300): only the schedules missed within that window count, and a late run starts or is skipped.',
    },
    messages: {
      noStartingDeadline:
        'This CronJob has no startingDeadlineSeconds: after more than 100 missed schedules the controller stops starting it.',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    if (ctx.nav.pair(spec, 'startingDeadlineSeconds')) return;
    const specPair = ctx.nav.pair(ctx.object.node, 'spec');
    ctx.report({
      node: specPair ?? objectAnchor(ctx),
      keyOnly: true,
      messageId: 'noStartingDeadline',
      fix: {
        title: `Set startingDeadlineSeconds: ${STARTING_DEADLINE_SECONDS}`,
        edit: (e) =>
          e.ensurePath(
            ctx.object.node,
            ['spec', 'startingDeadlineSeconds'],
            new Commented(STARTING_DEADLINE_SECONDS, 'TODO: how late a missed run may still start'),
          ),
      },
    });
  },
});
