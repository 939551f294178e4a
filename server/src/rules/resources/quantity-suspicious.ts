/**
 * Quantities that are valid but almost surely not what the author meant. The thresholds (documented in
 * docs/rules/quantity-suspicious.md) come from the mistakes people make, not from what the API allows:
 * - bytes (memory, storage, hugepages, sizeLimit) above zero but below 1 MiB: no container runs in less than a
 *   mebibyte, and no volume is that small. `512m` is 0.512 bytes (`m` is milli), `1024` is 1024 bytes.
 * - CPU of 100 cores or more on a container, a pod or a LimitRange: `cpu: 500` asks for 500 cores when 500
 *   millicores were meant; pods that ask for more cores than any node has stay Pending. Namespace quotas
 *   legitimately sum to hundreds of cores, so ResourceQuota is exempt.
 */
import type { Node } from '../../yaml/nodes';
import { isScalar } from '../../yaml/nodes';
import type { Placeholders, RuleMessage } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import type { Quantity } from '../../protocol/quantity';
import { compareQuantities, parseQuantity } from '../../protocol/quantity';
import { Commented, Raw } from '../../yaml/render';
import type { QuantitySite } from '../../rulekit/resources/quantity-sites';
import { isByteResource, isCpuResource, quantitySites } from '../../rulekit/resources/quantity-sites';
import { QUANTITY_KINDS } from '../../rulekit/kinds';

/** 1 MiB in bytes. */
const MIN_PLAUSIBLE_BYTES = parseQuantity('1Mi')!;
/** 100 cores. */
const MAX_PLAUSIBLE_CORES = parseQuantity('100')!;
/**
 * The fix reads a bare number as MiB (or millicores) only while the result is a plausible size: up to 65536
 * (64 GiB); beyond that the intended unit is anyone's guess, so the diagnostic comes without a fix.
 */
const MAX_REINTERPRETED = 65536;

const MESSAGES = {
  milliBytes: '{{label}}: {{text}} is {{tiny}} bytes ("m" means milli); did you mean {{n}}Mi?',
  bytesDidYouMeanMebibytes: '{{label}}: {{text}} is {{text}} bytes, less than 1 MiB; did you mean {{text}}Mi?',
  belowOneMebibyte: '{{label}}: {{text}} is less than 1 MiB; check the unit (Mi, Gi).',
  megaCores: '{{label}}: {{text}} is {{n}} million cores ("M" means mega); did you mean {{n}}m (millicores)?',
  coresDidYouMeanMillicores: '{{label}}: {{text}} is {{text}} cores; did you mean {{text}}m (millicores)?',
  hundredCoresOrMore: '{{label}}: {{text}} is 100 cores or more; check the unit (`m` for millicores).',
} as const;

/** What `judge` finds: a message with its data but the site's label, which the report adds. */
type Finding = {
  [Id in keyof typeof MESSAGES]: {
    messageId: Id;
    data: Omit<Record<Placeholders<(typeof MESSAGES)[Id]>, string | number>, 'label'>;
  };
}[keyof typeof MESSAGES] & { replacement?: string };

export default defineRule({
  meta: {
    id: 'quantity-suspicious',
    category: 'resources',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: QUANTITY_KINDS,
    docs: {
      description:
        'A valid quantity that is almost surely a unit mistake: memory `512m` (0.512 bytes; `m` means milli), memory `1024` (bytes), CPU `500` (cores).',
      remediation: 'Write the unit you mean: `512Mi` for memory, `500m` for half a core.',
    },
    messages: MESSAGES,
  },
  check(ctx) {
    const reported = new Set<Node>();
    for (const site of quantitySites(ctx)) {
      const value = ctx.nav.deref(site.node);
      if (!isScalar(value) || reported.has(value)) continue;
      const text = (ctx.nav.str(value) ?? '').trim();
      const q = parseQuantity(text);
      if (!q) continue; // quantity-invalid's business
      const finding = judge(site, text, q);
      if (!finding) continue;
      reported.add(value);
      const replacement = finding.replacement;
      ctx.report({
        node: value,
        // the finding's message with the label added: TypeScript loses the id-to-data link through the spread
        ...({ messageId: finding.messageId, data: { label: site.label, ...finding.data } } as RuleMessage<
          typeof MESSAGES
        >),
        fix:
          replacement !== undefined && site.writable
            ? {
                title: `Change to ${replacement}`,
                edit: (e) => e.setValue(value, new Commented(new Raw(replacement), 'TODO: check the unit')),
              }
            : undefined,
      });
    }
  },
});

function judge(site: QuantitySite, text: string, q: Quantity): Finding | undefined {
  if (site.section === 'maxLimitRequestRatio' || site.context === 'metric') return undefined; // unitless ratios, arbitrary metrics
  if (isByteResource(site.resource)) {
    if (q.num <= 0n || compareQuantities(q, MIN_PLAUSIBLE_BYTES) >= 0) return undefined;
    const milli = /^(\d+)m$/.exec(text);
    const n = Number(milli ? milli[1] : text);
    const plausible = n >= 1 && n <= MAX_REINTERPRETED;
    if (milli && plausible) {
      return {
        messageId: 'milliBytes',
        data: { text, tiny: formatTiny(q), n },
        replacement: `${n}Mi`,
      };
    }
    if (/^\d+$/.test(text) && plausible) {
      return {
        messageId: 'bytesDidYouMeanMebibytes',
        data: { text },
        replacement: `${text}Mi`,
      };
    }
    return { messageId: 'belowOneMebibyte', data: { text } };
  }
  if (isCpuResource(site.resource) && site.context !== 'quota') {
    if (compareQuantities(q, MAX_PLAUSIBLE_CORES) < 0) return undefined;
    const plain = /^(\d+)$/.exec(text);
    const mega = /^(\d+)M$/.exec(text);
    const n = Number((plain ?? mega)?.[1]);
    const fixable = (plain || mega) && n < 100 * 1000;
    if (mega && fixable)
      return {
        messageId: 'megaCores',
        data: { text, n },
        replacement: `${n}m`,
      };
    if (plain && fixable) return { messageId: 'coresDidYouMeanMillicores', data: { text }, replacement: `${text}m` };
    return { messageId: 'hundredCoresOrMore', data: { text } };
  }
  return undefined;
}

/** A value below one byte, as a short decimal. */
function formatTiny(q: Quantity): string {
  const v = Number(q.num) / Number(q.den);
  return String(Number(v.toPrecision(6)));
}
