/**
 * The rules in force for some settings, grouped for the linter: by kind, local or reading the index, and the
 * document rules (syntax). Which rules exist is not decided here: the composition root (server/src/composition.ts)
 * passes them in.
 */
import type { AnyRule, DocumentRule, Rule } from './rule';
import { effectiveSeverity } from './severity';
import type { Settings, Severity } from './types';

export interface ActiveRule {
  readonly rule: Rule;
  /** 'off' for a dormant escalating rule: only its escalated findings are reported. */
  readonly severity: Severity | 'off';
}

/**
 * The severity a finding is reported with. A dormant escalating rule reports only escalated findings, as errors;
 * a rule may grade what it found (removed vs deprecated API), but a severity the user set for the rule wins.
 */
export function reportedSeverity(active: ActiveRule, settings: Settings, graded: Severity | undefined): Severity {
  if (active.severity === 'off') return 'error';
  if (graded !== undefined && settings.rules[active.rule.meta.id] === undefined) return graded;
  return active.severity;
}

export class RuleSet {
  private readonly local = new Map<string, ActiveRule[]>();
  private readonly indexed = new Map<string, ActiveRule[]>();
  private readonly localAny: ActiveRule[] = [];
  private readonly indexedAny: ActiveRule[] = [];
  /** `forKind`'s answers, built once per kind (every object asks, twice). */
  private readonly merged = new Map<string, ActiveRule[]>();
  readonly documentRules: Array<{ rule: DocumentRule; severity: Severity }> = [];
  readonly hasIndexRules: boolean;
  readonly key: string;

  constructor(
    rules: readonly AnyRule[],
    readonly settings: Settings,
  ) {
    for (const rule of rules) {
      const configured = effectiveSeverity(rule.meta, settings);
      // An escalating rule stays on, dormant ('off'), unless the user turned it off by name.
      const dormant =
        configured === 'off' && !!rule.meta.escalates && rule.meta.usesIndex && settings.rules[rule.meta.id] !== 'off';
      if (configured === 'off' && !dormant) continue;
      const severity = configured;
      if ('checkDocument' in rule) {
        if (severity === 'off') continue;
        this.documentRules.push({ rule, severity });
        continue;
      }
      const active = { rule, severity };
      const [byKind, any] = rule.meta.usesIndex ? [this.indexed, this.indexedAny] : [this.local, this.localAny];
      if (!rule.meta.kinds) any.push(active);
      else
        for (const kind of rule.meta.kinds) {
          let list = byKind.get(kind);
          if (!list) byKind.set(kind, (list = []));
          list.push(active);
        }
    }
    this.hasIndexRules = this.indexed.size > 0 || this.indexedAny.length > 0;
    this.key = JSON.stringify(settings) + '|' + rules.map((r) => r.meta.id).join(',');
  }

  /** Rules for objects of `kind`: the local ones, or those that read the index. */
  forKind(kind: string, usesIndex: boolean): ActiveRule[] {
    const key = (usesIndex ? 'i:' : 'l:') + kind;
    let rules = this.merged.get(key);
    if (rules === undefined) {
      const specific = (usesIndex ? this.indexed : this.local).get(kind);
      const any = usesIndex ? this.indexedAny : this.localAny;
      rules = specific ? (any.length ? [...specific, ...any] : specific) : any;
      // bounded: a kind typed letter by letter in an editor is a new kind at every keystroke
      if (this.merged.size >= 1024) this.merged.clear();
      this.merged.set(key, rules);
    }
    return rules;
  }
}

/** The rule set of `rules` for these settings, optionally limited to some ids (the CLI's `--only`). */
export function selectRules(rules: readonly AnyRule[], settings: Settings, only?: ReadonlySet<string>): RuleSet {
  return new RuleSet(only ? rules.filter((r) => only.has(r.meta.id)) : rules, settings);
}
