import { defineRule } from '../../engine/rule';

/** Annotations that make a cloud load balancer internal (reachable only from the VPC/VNet). */
const INTERNAL_LB: ReadonlyArray<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', /^true$/i],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/i],
];

export default defineRule({
  meta: {
    id: 'service-type-exposed',
    category: 'networking',
    severity: 'info',
    fixable: false,
    kinds: ['Service'],
    aliases: { kubeLinter: ['exposed-services'], kubeScore: ['service-type'] },
    docs: {
      description:
        'A Service of type NodePort (a port opened on every node) or LoadBalancer (an address outside the cluster, often public): the pods are reachable from outside the cluster, bypassing any Ingress authentication or TLS.',
      remediation:
        'Use `type: ClusterIP` behind an Ingress or Gateway; if the exposure is intended, restrict it (`loadBalancerSourceRanges`, an internal load balancer annotation) and suppress the rule with a reason.',
    },
    messages: {
      nodePort: 'Service type NodePort opens its port on every node: the pods are reachable from outside the cluster.',
      loadBalancerLimited:
        'Service type LoadBalancer gives the pods an address outside the cluster (limited by loadBalancerSourceRanges).',
      loadBalancerPublic:
        'Service type LoadBalancer gives the pods an address outside the cluster, usually a public one.',
    },
  },
  check(ctx) {
    const typeNode = ctx.nav.getIn(ctx.object.node, ['spec', 'type']);
    const type = ctx.nav.str(typeNode);
    if (!typeNode || (type !== 'NodePort' && type !== 'LoadBalancer')) return;
    const annotations = ctx.nav.getMap(ctx.object.metadata, 'annotations');
    if (type === 'LoadBalancer') {
      const internal = INTERNAL_LB.some(([key, re]) => re.test(ctx.nav.getStr(annotations, key) ?? ''));
      if (internal) return;
    }
    const ranges = ctx.nav.getSeq(ctx.nav.getMap(ctx.object.node, 'spec'), 'loadBalancerSourceRanges');
    const restricted = type === 'LoadBalancer' && !!ranges && ranges.items.length > 0;
    ctx.report({
      node: typeNode,
      ...(type === 'NodePort'
        ? { messageId: 'nodePort' }
        : restricted
          ? { messageId: 'loadBalancerLimited' }
          : { messageId: 'loadBalancerPublic' }),
    });
  },
});
