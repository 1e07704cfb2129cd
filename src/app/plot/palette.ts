/**
 * Curve colours, shared by every plot and legend swatch: twelve colours from Okabe–Ito and Paul
 * Tol's sets (both designed to stay apart under the common colour-vision deficiencies), ordered
 * so that each next colour is the one farthest (CIELAB ΔE, under simulated protanopia,
 * deuteranopia and tritanopia as well as normal vision) from those before it: the first few
 * curves are the easiest to tell apart. Past twelve, colours repeat with a dash pattern.
 * A few colours too dark for the dark background are swapped for a lighter one of the same hue.
 */
export type ThemeName = 'light' | 'dark';

const PALETTE = ['#0072B2', '#D55E00', '#000000', '#882255', '#56B4E9', '#332288', '#CC79A7', '#E69F00', '#009E73', '#117733', '#999933', '#AA4499'];
const DARK_SWAP = new Map([
  ['#000000', '#DDDDDD'],
  ['#882255', '#CC6677'],
  ['#332288', '#DDCC77'],
  ['#117733', '#44AA99'],
]);
/** Dash patterns for the second, third, … round through the palette. */
const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'] as const;
export type CurveDash = (typeof DASHES)[number];

export const PALETTE_SIZE = PALETTE.length;

function slotOf(index: number): number {
  return ((index % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE;
}

export function curveColor(index: number, theme: ThemeName): string {
  const c = PALETTE[slotOf(index)];
  return theme === 'dark' ? (DARK_SWAP.get(c) ?? c) : c;
}

/** 'solid' for the first twelve slots, then a dash pattern per further round. */
export function curveDash(index: number): CurveDash {
  return DASHES[Math.floor(Math.max(0, index) / PALETTE_SIZE) % DASHES.length];
}

/** Colour for backward-rule surrogates: the theme's foreground, contrasting with every curve colour. */
export function surrogateColor(theme: ThemeName): string {
  return theme === 'dark' ? '#FFFFFF' : '#000000';
}
