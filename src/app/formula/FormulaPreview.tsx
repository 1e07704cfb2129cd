/** A valid draft's f, f′, f″ in TeX and where on the plotted range any of them is NaN or ±Infinity. */
import { useMemo } from 'react';
import type { CompiledActivation } from '../../core/activation/types';
import { describeRuns, nonFiniteRuns } from '../../core/custom/nonFinite';
import { Tex } from '../tex/Tex';

export interface FormulaPreviewProps {
  compiled: CompiledActivation;
  values: Record<string, number>;
  xMin: number;
  xMax: number;
}

const CURVES = [
  { key: 'f', label: 'f' },
  { key: 'df', label: 'f′' },
  { key: 'd2f', label: 'f″' },
] as const;

export function FormulaPreview({ compiled, values, xMin, xMax }: FormulaPreviewProps) {
  const warnings = useMemo(() => {
    const s = compiled.scalar(values);
    return CURVES.flatMap(({ key, label }) => {
      const runs = nonFiniteRuns(s[key], xMin, xMax);
      return runs.length ? [`${label} is ${describeRuns(runs)}`] : [];
    });
  }, [compiled, values, xMin, xMax]);

  return (
    <div className="formula-preview" data-testid="formula-preview">
      {CURVES.map(({ key, label }) => (
        <div className="formula" key={key}>
          <span className="formula-lhs">{label}(x) =</span>
          <Tex tex={compiled.tex[key]} label={`${label} of x`} />
        </div>
      ))}
      {warnings.length > 0 && (
        <div className="formula-nonfinite" role="status" data-testid="formula-nonfinite">
          On x ∈ [{xMin}, {xMax}]:
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
