/**
 * Curve colours: Okabe–Ito (colour-blind safe, distinguishable under the common
 * dichromacies), extended with four of Paul Tol's "muted" colours for selections beyond eight.
 * Okabe–Ito's black becomes a light grey in the dark theme so it stays visible.
 */
export type ThemeName = 'light' | 'dark';

const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#F0E442'];
const TOL_MUTED_EXTRA = ['#882255', '#44AA99', '#999933', '#332288'];

export const PALETTE_SIZE = OKABE_ITO.length + 1 + TOL_MUTED_EXTRA.length;

export function curveColor(index: number, theme: ThemeName): string {
  const i = ((index % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE;
  if (i < OKABE_ITO.length) return OKABE_ITO[i];
  if (i === OKABE_ITO.length) return theme === 'dark' ? '#DDDDDD' : '#000000';
  const extra = TOL_MUTED_EXTRA[i - OKABE_ITO.length - 1];
  // Tol's indigo is too dark on the dark background; swap in his light cyan there.
  return theme === 'dark' && extra === '#332288' ? '#88CCEE' : extra;
}

/** Colour for backward-rule surrogates: the theme's foreground, contrasting with every curve colour. */
export function surrogateColor(theme: ThemeName): string {
  return theme === 'dark' ? '#FFFFFF' : '#000000';
}
