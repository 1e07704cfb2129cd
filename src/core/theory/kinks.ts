/**
 * Where an activation's f or f′ switches branch, read from its expression tree: every
 * comparison, max, min, abs, sign, step, floor and ceil that depends on the input is a place
 * where f′ may jump (the kink rule of ../expr/diff.ts decides f′ there). Quadrature across such
 * a point converges slowly, so signal propagation splits its integrals there.
 */
import type { Node } from '../expr/ast';
import { dependsOn } from '../expr/diff';
import { compileFloat64Many } from '../expr/evaluate';
import { children } from '../expr/size';
import type { CompiledActivation } from '../activation/types';

/** The scanned range and step: kinks beyond |x| = 100 lie past the Gaussian's reach for q ≤ 60. */
const SCAN_LIMIT = 100;
const SCAN_STEP = 1 / 32;

const one: Node = { kind: 'num', value: 1 };
const zero: Node = { kind: 'num', value: 0 };
const indicator = (test: Node): Node => ({ kind: 'cond', test, then: one, else: zero });

/** A function of x whose value changes exactly where this node switches branch. */
function branchState(n: Node): Node | undefined {
  if (n.kind === 'cmp') return indicator({ kind: 'cmp', op: n.op, left: n.left, right: n.right });
  if (n.kind !== 'call') return undefined;
  const [u, v] = n.args;
  switch (n.fn) {
    case 'max':
    case 'min':
      return indicator({ kind: 'cmp', op: '>', left: v, right: u });
    case 'abs':
    case 'sign':
    case 'step':
      return { kind: 'call', fn: 'sign', args: [u] };
    case 'floor':
    case 'ceil':
      return { kind: 'call', fn: 'floor', args: [u] };
    default:
      return undefined;
  }
}

function switchingNodes(roots: Node[], variable: string): Node[] {
  const seen = new Set<Node>();
  const deps = new Map<Node, boolean>();
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    if (!dependsOn(n, variable, deps)) return;
    const state = branchState(n);
    if (state) out.push(state);
    for (const c of children(n)) visit(c);
  };
  roots.forEach(visit);
  return out;
}

/**
 * Sorted x where f or f′ of `compiled` (at these parameter values) switches branch within
 * |x| ≤ 100, each located by bisection to float64 precision.
 */
export function kinkLocations(compiled: CompiledActivation, params: Record<string, number> = {}): number[] {
  const variable = compiled.vars[0];
  const states = switchingNodes([compiled.ast.f, compiled.ast.df], variable);
  if (states.length === 0) return [];
  const names = [...compiled.vars, ...compiled.params.map((p) => p.name)];
  const fns = compileFloat64Many(states, names);
  const env = new Float64Array(names.length);
  compiled.params.forEach((p, i) => {
    env[compiled.vars.length + i] = Object.hasOwn(params, p.name) ? params[p.name] : p.default;
  });
  if (compiled.vars.length === 2) env[1] = 1; // gated blocks: the gate g(a) = o(a, u = 1)
  const at = (fn: (e: Float64Array) => number, x: number): number => {
    env[0] = x;
    return fn(env);
  };
  const found: number[] = [];
  for (const fn of fns) {
    let xPrev = -SCAN_LIMIT;
    let sPrev = at(fn, xPrev);
    for (let k = 1; k <= (2 * SCAN_LIMIT) / SCAN_STEP; k++) {
      const x = -SCAN_LIMIT + k * SCAN_STEP;
      const s = at(fn, x);
      if (s !== sPrev && !(Number.isNaN(s) && Number.isNaN(sPrev))) {
        let lo = xPrev;
        let hi = x;
        for (let it = 0; it < 80 && hi - lo > 4 * Number.EPSILON * Math.max(1, Math.abs(lo)); it++) {
          const mid = 0.5 * (lo + hi);
          if (at(fn, mid) === sPrev) lo = mid;
          else hi = mid;
        }
        found.push(Math.abs(hi) < 1e-12 ? 0 : hi); // a kink at 0 lands within rounding of it
      }
      xPrev = x;
      sPrev = s;
    }
  }
  found.sort((a, b) => a - b);
  return found.filter((x, i) => i === 0 || x - found[i - 1] > 1e-12 * Math.max(1, Math.abs(x)));
}
