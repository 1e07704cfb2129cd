/**
 * Test support: writes exported Python files to a temp dir, byte-compiles them with python3,
 * and runs them against the fake torch/jax/tensorflow of tests/fixtures/python through
 * run_exported.py, returning their forward values and backward gradients.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CompiledActivation } from '../../../src/core/activation/types';
import { exportActivation, type ExportTarget } from '../../../src/core/codegen';
import { planExport, type ExportOptions } from '../../../src/core/codegen/export-plan';

const HARNESS = resolve(__dirname, '../../fixtures/python/run_exported.py');

const outDir = mkdtempSync(join(tmpdir(), 'codegen-test-'));

export interface ExportedFile {
  path: string;
  source: string;
  compiled: CompiledActivation;
  target: ExportTarget;
  opts: ExportOptions;
}

export function writeExport(compiled: CompiledActivation, target: ExportTarget, stem: string, opts: ExportOptions = {}): ExportedFile {
  const source = exportActivation(compiled, target, opts);
  const path = join(outDir, `${stem.replace(/[^A-Za-z0-9_]/g, '_')}_${target}.py`);
  writeFileSync(path, source);
  return { path, source, compiled, target, opts };
}

/** `python3 -m py_compile` over all files; returns stderr (empty when every file compiles). */
export function pyCompile(paths: string[]): { status: number | null; stderr: string } {
  const r = spawnSync('python3', ['-m', 'py_compile', ...paths], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

export interface RunResult {
  f: number[];
  /** Per point: d/dvar for each variable, then d/dparam for each parameter (null = not returned). */
  grads: (number | null)[][];
  trainable: boolean[];
}

function decode(v: unknown): number | null {
  if (v === null) return null;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return v as number;
}

/** Runs every file (all of one target) at its points; throws with Python's traceback on failure. */
export function runExported(target: ExportTarget, files: { file: ExportedFile; points: number[][] }[]): RunResult[] {
  const cases = files.map(({ file, points }) => {
    const plan = planExport(file.compiled, file.opts);
    return {
      path: file.path,
      className: plan.className,
      prefix: plan.prefix,
      vars: plan.vars.map((v) => v.py),
      params: plan.params.map((p) => ({ name: p.name, py: p.py, value: p.value })),
      points,
    };
  });
  // No __pycache__ in the fixtures folder.
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync('python3', [HARNESS], { input: JSON.stringify({ target, cases }), encoding: 'utf8', maxBuffer: 1 << 28, env });
  if (r.status !== 0) throw new Error(`run_exported.py failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { results: ({ error: string } | { f: unknown[]; grads: unknown[][]; trainable: boolean[] })[] };
  return out.results.map((res, i) => {
    if ('error' in res) throw new Error(`${files[i].file.path}:\n${res.error}`);
    return { f: res.f.map((v) => decode(v) as number), grads: res.grads.map((g) => g.map(decode)), trainable: res.trainable };
  });
}
