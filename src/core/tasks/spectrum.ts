/**
 * Error spectra for the high-frequency tasks: how much of a fit's error sits at each frequency.
 * A plain DFT (n ≤ a few hundred points, or 32 × 32), so there is nothing to get wrong in an FFT.
 */

export interface Spectrum {
  /** Cycles per unit length of the input. */
  freq: number[];
  /** Amplitude of that frequency in the signal: |X_k|·2/n (k > 0), |X_0|/n for k = 0. */
  amplitude: number[];
}

/**
 * Spectrum of n samples taken at even spacing over an interval of length `span`, frequencies
 * 0 … ⌊n/2⌋ / span. A sine of amplitude A at a frequency on that grid shows as A.
 */
export function spectrum1d(values: ArrayLike<number>, span: number): Spectrum {
  const n = values.length;
  const freq: number[] = [];
  const amplitude: number[] = [];
  for (let k = 0; k <= Math.floor(n / 2); k++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * k * j) / n;
      re += values[j] * Math.cos(a);
      im += values[j] * Math.sin(a);
    }
    const scale = k === 0 || 2 * k === n ? 1 / n : 2 / n;
    freq.push(k / span);
    amplitude.push(Math.hypot(re, im) * scale);
  }
  return { freq, amplitude };
}

/**
 * Radial spectrum of a side × side image (row-major) covering a square of side `span`: the
 * root-sum-square amplitude of the 2-D DFT in rings of integer radius r = round(√(kx² + ky²)),
 * r = 0 … side/2, as cycles per unit length r / span. A plane wave of amplitude A lands as A in
 * its ring (energy conserved through Parseval), so rings compare like the 1-D spectrum.
 */
export function radialSpectrum(values: ArrayLike<number>, side: number, span: number): Spectrum {
  if (values.length !== side * side) throw new Error(`radialSpectrum: expected ${side * side} values, got ${values.length}`);
  const half = Math.floor(side / 2);
  const energy = new Float64Array(half + 1);
  const cos = new Float64Array(side);
  const sin = new Float64Array(side);
  for (let j = 0; j < side; j++) {
    cos[j] = Math.cos((2 * Math.PI * j) / side);
    sin[j] = Math.sin((2 * Math.PI * j) / side);
  }
  // Row DFTs first, then columns: side³ work instead of side⁴.
  const rowRe = new Float64Array(side * side);
  const rowIm = new Float64Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let k = 0; k < side; k++) {
      let re = 0;
      let im = 0;
      for (let c = 0; c < side; c++) {
        const i = (k * c) % side;
        re += values[r * side + c] * cos[i];
        im -= values[r * side + c] * sin[i];
      }
      rowRe[r * side + k] = re;
      rowIm[r * side + k] = im;
    }
  }
  for (let kx = 0; kx < side; kx++) {
    for (let ky = 0; ky < side; ky++) {
      let re = 0;
      let im = 0;
      for (let r = 0; r < side; r++) {
        const i = (ky * r) % side;
        const a = rowRe[r * side + kx];
        const b = rowIm[r * side + kx];
        re += a * cos[i] + b * sin[i];
        im += b * cos[i] - a * sin[i];
      }
      const fx = kx <= half ? kx : kx - side;
      const fy = ky <= half ? ky : ky - side;
      const ring = Math.round(Math.hypot(fx, fy));
      if (ring <= half) energy[ring] += re * re + im * im;
    }
  }
  const n2 = side * side;
  const freq: number[] = [];
  const amplitude: number[] = [];
  for (let r = 0; r <= half; r++) {
    freq.push(r / span);
    // Parseval: Σ|X|² = n²·Σx²; a real wave A·sin splits its energy over ±k, each |X| = A·n²/2.
    amplitude.push(r === 0 ? Math.sqrt(energy[0]) / n2 : Math.sqrt(2 * energy[r]) / n2);
  }
  return { freq, amplitude };
}
