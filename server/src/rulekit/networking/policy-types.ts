/**
 * A NetworkPolicy's effective `policyTypes`: written, or (absent) Ingress always, plus Egress when it has `egress`
 * rules. Only a policy whose types include Ingress isolates its pods for incoming connections.
 */
export function effectivePolicyTypes(spec: unknown): string[] {
  const s = spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : {};
  if (Array.isArray(s.policyTypes)) return s.policyTypes.map(String);
  return Array.isArray(s.egress) && s.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function governsIngress(spec: unknown): boolean {
  return effectivePolicyTypes(spec).includes('Ingress');
}
