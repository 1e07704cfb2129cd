/** The grids the propagation panel draws on: σ_w² across, σ_b² up. */
import { linspace } from '../../core/theory/phaseDiagram';

/** σ_w² up to 8 (σ_w ≈ 2.83) reaches GoLU's critical σ_w² = e² ≈ 7.39 at σ_b = 0. */
export const SW2_MAX = 8;
export const SB2_MAX = 1;
export const DIAGRAM_SW2 = linspace(SW2_MAX / 40, SW2_MAX, 40);
export const DIAGRAM_SB2 = linspace(0, SB2_MAX, 11);
export const EDGE_SB2 = linspace(0, SB2_MAX, 21);
