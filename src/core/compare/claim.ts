/**
 * Whether a paper's claim held in a comparison: a rule between one activation (the subject) and
 * the others on one final metric, decided on the means over seeds, with the spread reported
 * beside it. Pure: reads only the comparison's summary rows, so the page, the CLI and the tests
 * judge a result the same way.
 */
import type { ActivationSummary, Stats } from './summary';

type ClaimMetric = 'testLoss' | 'testAcc';

export interface ClaimRule {
  metric: ClaimMetric;
  /** Index in the preset's activations of the activation the claim is about. */
  subject: number;
  /** Indices it is compared with; the rule must hold against each. */
  against: number[];
  /**
   * 'below-fraction': subject mean ≤ factor × other mean (a loss, lower is better);
   * 'above-by': subject mean ≥ other mean + margin (an accuracy; a negative margin reads
   * "no worse than by more than |margin|").
   */
  kind: 'below-fraction' | 'above-by';
  /** below-fraction's factor, above-by's margin. */
  amount: number;
}

interface ClaimComparison {
  other: string;
  subjectStats: Stats;
  otherStats: Stats;
  /** Runs of the other activation that diverged (not in its stats). */
  otherDiverged: number;
  /** The rule held on the means. */
  held: boolean;
  /** It also held with each mean moved one standard deviation against the claim. */
  clear: boolean;
}

export interface ClaimVerdict {
  /** 'held' on every comparison, 'failed' on some, 'undecided' when a side has no finished run. */
  outcome: 'held' | 'failed' | 'undecided';
  comparisons: ClaimComparison[];
  /** One plain sentence for the page. */
  sentence: string;
}

const METRIC_NAME: Record<ClaimMetric, string> = { testLoss: 'test loss', testAcc: 'test accuracy' };

function holds(rule: ClaimRule, s: number, o: number): boolean {
  return rule.kind === 'below-fraction' ? s <= rule.amount * o : s >= o + rule.amount;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 || (Math.abs(x) < 0.001 && x !== 0) ? x.toExponential(2) : x.toPrecision(3);
}

export function formatStats(s: Stats, diverged = 0): string {
  return `${fmt(s.mean)} ± ${fmt(s.std)} (n = ${s.n}${diverged > 0 ? `; ${diverged} diverged, not averaged` : ''})`;
}

/** What the rule asks, in words: "≤ 0.5 × relu's", "≥ gelu's − 0.01". */
export function ruleText(rule: ClaimRule, other: string): string {
  if (rule.kind === 'below-fraction') return `≤ ${rule.amount} × ${other}'s`;
  const m = rule.amount;
  return m === 0 ? `≥ ${other}'s` : `≥ ${other}'s ${m > 0 ? '+' : '−'} ${Math.abs(m)}`;
}

/**
 * `summary[i]` is the row of the preset's activation i (runComparison and the Compare page list
 * rows in activation order); `names[i]` labels it when the row is missing.
 */
export function judgeClaim(rule: ClaimRule, summary: readonly (ActivationSummary | undefined)[], names: readonly string[]): ClaimVerdict {
  const row = (i: number): ActivationSummary | undefined => summary[i];
  const subject = row(rule.subject);
  const subjectStats = subject?.[rule.metric] ?? null;
  const metric = METRIC_NAME[rule.metric];
  const comparisons: ClaimComparison[] = [];
  const missing: string[] = [];
  if (!subject || !subjectStats) missing.push(subject?.label ?? names[rule.subject]);
  for (const j of rule.against) {
    const other = row(j);
    const otherStats = other?.[rule.metric] ?? null;
    if (!other || !otherStats) {
      missing.push(other?.label ?? names[j]);
      continue;
    }
    if (!subjectStats) continue;
    // Lower is better for a loss, higher for an accuracy: move each mean by its std against the claim.
    const sign = rule.kind === 'below-fraction' ? 1 : -1;
    comparisons.push({
      other: other.label,
      otherDiverged: other.diverged,
      subjectStats,
      otherStats,
      held: holds(rule, subjectStats.mean, otherStats.mean),
      clear: holds(rule, subjectStats.mean + sign * subjectStats.std, otherStats.mean - sign * otherStats.std),
    });
  }
  if (missing.length > 0 || !subject || !subjectStats) {
    return {
      outcome: 'undecided',
      comparisons,
      sentence: `Undecided: ${missing.join(', ')} finished no run without diverging, so there is no ${metric} to compare.`,
    };
  }
  const failed = comparisons.filter((c) => !c.held);
  const parts = comparisons.map((c) => `${c.other} ${formatStats(c.otherStats, c.otherDiverged)}${c.held ? '' : ' (not met)'}`);
  const head = `${subject.label}'s ${metric} ${formatStats(subjectStats, subject.diverged)}; needed ${rule.against.map((j) => ruleText(rule, row(j)?.label ?? '')).join(' and ')}; others: ${parts.join(', ')}.`;
  if (failed.length > 0) return { outcome: 'failed', comparisons, sentence: `The claim's direction did NOT hold here. ${head}` };
  const unclear = comparisons.filter((c) => !c.clear).map((c) => c.other);
  const noise = unclear.length === 0
    ? ' It holds even with every mean moved one standard deviation against it.'
    : ` Against ${unclear.join(', ')} the spreads overlap that margin, so more seeds would make it firmer.`;
  return { outcome: 'held', comparisons, sentence: `The claim's direction held here. ${head}${noise}` };
}
