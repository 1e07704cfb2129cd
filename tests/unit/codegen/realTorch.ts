/**
 * Test support: Debian's real PyTorch (python3-torch, run as /usr/bin/python3; .ci/run installs
 * it). Tests that need it skip, with the reason in their title, when `import torch` fails there.
 * One thread and a passive OpenMP wait: the test machines are small and shared.
 */
import { spawnSync } from 'node:child_process';

export const TORCH_PYTHON = '/usr/bin/python3';

export const torchEnv: NodeJS.ProcessEnv = {
  ...process.env,
  OMP_NUM_THREADS: '1',
  OMP_WAIT_POLICY: 'PASSIVE',
  PYTHONDONTWRITEBYTECODE: '1',
  // Never the fake torch of tests/fixtures/python/shims.
  PYTHONPATH: '',
};

function probe(): { ok: true; version: string } | { ok: false; why: string } {
  const r = spawnSync(TORCH_PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', env: torchEnv });
  if (r.status === 0) return { ok: true, version: r.stdout.trim() };
  const why = r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
  return { ok: false, why };
}

export const realTorch = probe();

/** Appended to test titles: says why the test is skipped when torch is missing. */
export const skipNote = realTorch.ok
  ? ''
  : ` [SKIPPED: ${TORCH_PYTHON} cannot import torch (${realTorch.why}); apt-get install python3-torch]`;

if (!realTorch.ok) console.warn(`Real-PyTorch tests skipped:${skipNote}`);

/** Runs a Python file with real torch, JSON on stdin and stdout; throws with the traceback on failure. */
export function runTorchJson<T>(script: string, input: unknown, args: string[] = []): T {
  const r = spawnSync(TORCH_PYTHON, [script, ...args], { input: JSON.stringify(input), encoding: 'utf8', env: torchEnv, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Runs every script in one Python process (torch imported once) and returns each one's stdout. */
const SCRIPTS_DRIVER = `
import contextlib, io, json, runpy, sys
out = []
for path in sys.argv[1:]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(path, run_name="__main__")
    out.append(buf.getvalue())
print(json.dumps(out))
`;

export function runTorchScripts(paths: string[]): string[] {
  const r = spawnSync(TORCH_PYTHON, ['-W', 'ignore', '-c', SCRIPTS_DRIVER, ...paths], { encoding: 'utf8', env: torchEnv, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}
