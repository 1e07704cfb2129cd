/** Digits: test accuracy, the confusion matrix, test digits with predictions, first-layer weights as 8 × 8 images. */
import type { TaskProbe } from '../../core/tasks/taskProbe';
import type { TaskReport } from '../../core/tasks/taskMetrics';
import { ConfusionMatrix } from './ConfusionMatrix';
import { absMax, PixelCanvas } from './pixelCanvas';

const SHOWN_DIGITS = 40;
const SHOWN_UNITS = 16;

export interface FirstLayer {
  fanIn: number;
  fanOut: number;
  W: Float32Array;
}

export function DigitsView({ probe, report, firstLayer }: { probe: TaskProbe; report: TaskReport; firstLayer: FirstLayer | null }) {
  const confusion = report.confusion as Int32Array;
  const predicted = report.predicted as Int32Array;
  const n = Math.min(SHOWN_DIGITS, predicted.length);
  const units = firstLayer ? Math.min(SHOWN_UNITS, firstLayer.fanOut) : 0;
  const unitWeights = Array.from({ length: units }, (_, j) => {
    const w = new Float32Array(64);
    for (let k = 0; k < 64; k++) w[k] = (firstLayer as FirstLayer).W[k * (firstLayer as FirstLayer).fanOut + j];
    return w;
  });
  return (
    <div className="task-view digits-view" data-testid="task-digits">
      <p className="task-metric" data-testid="task-accuracy">
        Test accuracy <strong>{(report.metrics[0].value * 100).toFixed(1)} %</strong> on {predicted.length} held-out images
      </p>
      <div className="task-columns">
        <figure>
          <ConfusionMatrix confusion={confusion} />
          <figcaption>Confusion matrix (test set)</figcaption>
        </figure>
        <figure>
          <div className="digit-grid">
            {Array.from({ length: n }, (_, i) => {
              const px = probe.x.subarray(i * 64, (i + 1) * 64).map((v) => (v + 1) * 8);
              const wrong = predicted[i] !== probe.target[i];
              return (
                <div key={i} className={`digit-cell${wrong ? ' wrong' : ''}`}>
                  <PixelCanvas values={px} side={8} size={32} scale={{ kind: 'grey', max: 16 }} label={`test digit ${probe.target[i]}, predicted ${predicted[i]}`} />
                  <span>{predicted[i]}{wrong ? ` (${probe.target[i]})` : ''}</span>
                </div>
              );
            })}
          </div>
          <figcaption>First {n} test digits, predicted class (true class in brackets, red, when wrong)</figcaption>
        </figure>
      </div>
      {firstLayer && (
        <figure>
          <div className="digit-grid">
            {unitWeights.map((w, j) => (
              <PixelCanvas key={j} values={w} side={8} size={40} scale={{ kind: 'diverging', limit: absMax(w) }} label={`first-layer weights of unit ${j + 1}`} />
            ))}
          </div>
          <figcaption>First-layer weights of {units} of {firstLayer.fanOut} units as 8 × 8 images (red positive, blue negative, each on its own scale)</figcaption>
        </figure>
      )}
    </div>
  );
}
