import { Rule } from '../../engine/rule';
import livenessProbeMissing from './liveness-probe-missing';
import probePortNotExposed from './probe-port-not-exposed';
import probesIdentical from './probes-identical';
import readinessProbeMissing from './readiness-probe-missing';

export const probesRules: Rule[] = [readinessProbeMissing, livenessProbeMissing, probesIdentical, probePortNotExposed];
