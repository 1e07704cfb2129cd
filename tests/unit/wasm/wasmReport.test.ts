/**
 * The fallback is taken AND said: where WebAssembly has no 128-bit SIMD (validation fails) or
 * compiling it is refused (a Content-Security-Policy without 'wasm-unsafe-eval'), the CLI's
 * train command prints that the CPU kernels run in plain JS and why, and the worker's backend
 * report (what the page's backend label shows) says the same; where SIMD works, both say
 * WebAssembly SIMD. The CLI runs as a real process with the failure preloaded (node --import).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendChoice } from '../../../src/core/train/backend';
import { cpuEngine, resetWasmEngineForTests } from '../../../src/core/wasm/wasmEngine';
import { backendInfo } from '../../../src/worker/backendInfo';

const ROOT = resolve(import.meta.dirname, '../../..');

afterEach(() => {
  vi.restoreAllMocks();
  resetWasmEngineForTests();
});

function train(preload?: string): string {
  const env = { ...process.env };
  if (preload) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(join(import.meta.dirname, 'fixtures', preload)).href}`;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'train', '--activation', 'relu', '--epochs', '1', '--points', '100'], { cwd: ROOT, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('the CLI says which CPU kernels ran', () => {
  it('WebAssembly SIMD where it compiles', () => {
    expect(train()).toContain('CPU kernels: dense layers and Adam on WebAssembly SIMD\n');
  }, 30_000);
  it('plain JS without 128-bit SIMD, and why', () => {
    const out = train('noSimd.mjs');
    expect(out).toContain('CPU kernels: plain JS (WebAssembly without 128-bit SIMD)\n');
    expect(out).not.toContain('on WebAssembly SIMD');
  }, 30_000);
  it('plain JS when compiling WebAssembly is refused, and why', () => {
    expect(train('cspRefused.mjs')).toMatch(/CPU kernels: plain JS \(WebAssembly compilation refused \(a Content-Security-Policy without 'wasm-unsafe-eval'\?\): .*Refused to compile/);
  }, 30_000);
});

describe("the worker's backend report says which CPU kernels run", () => {
  const cpu: BackendChoice = { backend: 'cpu', reason: 'cpu was requested and works here', tried: [{ name: 'cpu' }] };

  it('WebAssembly SIMD', () => {
    const info = backendInfo(cpu);
    expect(info.cpuEngine).toEqual({ engine: 'wasm-simd' });
    expect(info.reason).toBe('cpu was requested and works here; CPU kernels: dense layers and Adam on WebAssembly SIMD');
  });
  it('plain JS without 128-bit SIMD', () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    resetWasmEngineForTests();
    const info = backendInfo(cpu);
    expect(info.cpuEngine).toEqual({ engine: 'js', reason: 'WebAssembly without 128-bit SIMD' });
    expect(info.reason).toBe('cpu was requested and works here; CPU kernels: plain JS (WebAssembly without 128-bit SIMD)');
  });
  it('plain JS when compiling is refused', () => {
    vi.spyOn(WebAssembly, 'Module').mockImplementation(function refused(): never {
      throw new WebAssembly.CompileError('Refused to compile or instantiate WebAssembly module');
    });
    resetWasmEngineForTests();
    expect(cpuEngine().engine).toBe('js');
    expect(backendInfo(cpu).reason).toMatch(/; CPU kernels: plain JS \(WebAssembly compilation refused .*Refused to compile/);
  });
  it('other backends: no CPU kernels named', () => {
    const info = backendInfo({ backend: 'wasm', reason: 'wasm was requested', tried: [{ name: 'wasm' }] });
    expect(info.reason).toBe('wasm was requested');
    expect(info.cpuEngine).toBeUndefined();
  });
});
