/** The properties table of a card: the registry's computed properties, in words. */
import { computeProperties, type ActivationProperties, type Extremum } from '../../core/registry/properties';
import type { ActivationView } from '../explore/activationModel';
import { formatValue } from '../explore/valuesAt';

export interface PropertyRow {
  label: string;
  value: string;
}

const MONOTONIC_TEXT = { increasing: 'increasing', decreasing: 'decreasing', no: 'no' } as const;

function extremumText(e: Extremum | undefined, word: 'minimum' | 'maximum'): string {
  if (!e) return word === 'minimum' ? 'none (unbounded below)' : 'none (unbounded above)';
  if (e.inTail) return `${formatValue(e.value)}, approached in the tail or on a flat side (reached at x ≈ ${formatValue(e.at)} in float64)`;
  return `${formatValue(e.value)} at x = ${formatValue(e.at)}`;
}

function continuityText(p: ActivationProperties): string {
  // Kinks are reported as left ends of 10⁻³-wide grid cells; show the cell midpoints, at most five.
  const where = p.kinks.slice(0, 5).map((k) => formatValue(Number((k + 5e-4).toFixed(4))));
  const more = p.kinks.length > 5 ? `, … (${p.kinks.length} in all)` : '';
  const at = where.length ? ` near x = ${where.join(', ')}${more}` : '';
  switch (p.continuity) {
    case 'smooth':
      return 'smooth (no jump in f, f′, f″ found on [−10, 10])';
    case 'C1':
      return `C¹ (f″ jumps${at})`;
    case 'C0':
      return `continuous, not differentiable everywhere (kinks${at})`;
    case 'discontinuous':
      return `discontinuous (jumps${at})`;
  }
}

export function propertyRows(view: ActivationView): PropertyRow[] {
  const p = computeProperties(view.compiled, view.values);
  const v = view.isGated ? 'a' : 'x';
  const g = view.isGated ? 'g' : 'f';
  return [
    { label: 'Monotonic', value: MONOTONIC_TEXT[p.monotonic] },
    {
      label: 'Bounded',
      value: p.boundedBelow && p.boundedAbove ? 'below and above' : p.boundedBelow ? 'below only' : p.boundedAbove ? 'above only' : 'neither side',
    },
    { label: 'Continuity', value: continuityText(p) },
    { label: 'Zero-centred', value: p.zeroCentred ? `yes (${g}(0) = 0, takes both signs)` : 'no' },
    { label: 'Minimum', value: extremumText(p.min, 'minimum') },
    { label: 'Maximum', value: extremumText(p.max, 'maximum') },
    { label: `${g}(0)`, value: formatValue(p.f0) },
    { label: `${g}′(0)`, value: formatValue(p.df0) },
    { label: 'Method', value: `sampled on [−10, 10] (step 10⁻³) and log-spaced out to |${v}| = 1000` },
  ];
}
