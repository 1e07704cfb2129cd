/**
 * Tier C of ACTIVATIONS.md: gated blocks o(a, u) over two projections a = xW + b, u = xV + c.
 * Formulas are in the variables `a` and `u`; ∂o/∂a and ∂o/∂u are derived from them.
 */
import type { ActivationEntry } from '../types';
import { PAPERS as P } from '../papers';
import { fixed, learnable } from '../paramSpec';

export const TIER_C: ActivationEntry[] = [
  {
    id: 'glu', name: 'GLU', aliases: ['Gated Linear Unit'], tier: 'C', family: 'glu', tags: ['gated'],
    formula: 'sigmoid(a) * u', params: [],
    sources: [P.dauphin2017, P.shazeer2020, P.activator2024], status: 'confirmed',
  },
  {
    id: 'reglu', name: 'ReGLU', aliases: [], tier: 'C', family: 'glu', tags: ['gated'],
    formula: 'max(0, a) * u', params: [],
    sources: [P.shazeer2020], status: 'confirmed',
  },
  {
    id: 'geglu', name: 'GEGLU', aliases: ['GeGLU'], tier: 'C', family: 'glu', tags: ['gated'],
    formula: 'a * Phi(a) * u', params: [],
    sources: [P.shazeer2020], status: 'confirmed',
  },
  {
    id: 'swiglu', name: 'SwiGLU', aliases: ['SwishGLU'], tier: 'C', family: 'glu', tags: ['gated'],
    formula: 'a * sigmoid(beta * a) * u',
    params: [fixed('beta', 1, 0.1, 10)],
    sources: [P.shazeer2020], status: 'confirmed',
  },
  {
    id: 'bilinear', name: 'Bilinear layer', aliases: ['bilinear MLP'], tier: 'C', family: 'glu', tags: ['gated', 'polynomial', 'interpretability'],
    formula: 'a * u', params: [],
    sources: [P.shazeer2020, P.pearce2024, P.sharkey2023], status: 'confirmed',
  },
  {
    id: 'drelu', name: 'dReLU', aliases: [], tier: 'C', family: 'glu', tags: ['gated', 'sparse'],
    formula: 'max(0, a) * max(0, u)', params: [],
    sources: [P.song2024], status: 'confirmed',
  },
  {
    id: 'xatglu', name: 'xATGLU', aliases: [], tier: 'C', family: 'expanded-gating', tags: ['gated', 'learnable'],
    formula: '((atan(a) / pi + 0.5) * (1 + 2 * alpha) - alpha) * u',
    params: [learnable('alpha', 0, -0.4, 2)],
    sources: [P.huang2024], status: 'confirmed',
  },
  {
    id: 'xgeglu', name: 'xGEGLU', aliases: [], tier: 'C', family: 'expanded-gating', tags: ['gated', 'learnable'],
    formula: '(Phi(a) * (1 + 2 * alpha) - alpha) * u',
    params: [learnable('alpha', 0, -0.4, 2)],
    sources: [P.huang2024], status: 'confirmed',
  },
  {
    id: 'xswiglu', name: 'xSwiGLU', aliases: [], tier: 'C', family: 'expanded-gating', tags: ['gated', 'learnable'],
    formula: '(sigmoid(a) * (1 + 2 * alpha) - alpha) * u',
    params: [learnable('alpha', 0, -0.4, 2)],
    sources: [P.huang2024], status: 'confirmed',
  },
  {
    id: 'mand', name: 'mAND', aliases: ['soft AND'], tier: 'C', family: 'glu', tags: ['gated', 'sparse', 'interpretability'],
    formula: 'sqrt(max(0, a) * max(0, u) + eps) - sqrt(eps)',
    params: [fixed('eps', 1e-6, 1e-9, 1e-2, { scale: 'log' })],
    sources: [P.kurochkin2025], status: 'reconstruction',
    notes: ['Reconstruction: the mAND form is ours (KronSAE).'],
  },
];
