/**
 * Code export: one activation (a registry entry or a typed formula, compiled) as a standalone
 * PyTorch module, JAX function or Keras layer, generated from the same expression trees the
 * playground evaluates and trains with.
 */
import type { CompiledActivation } from '../activation/types';
import type { ExportOptions } from './export-plan';
import { exportJax } from './jax';
import { exportKeras } from './keras';
import { CodegenError } from './python-expr';
import { exportPyTorch } from './pytorch';

export type ExportTarget = 'pytorch' | 'jax' | 'keras';

export const EXPORT_TARGETS: { id: ExportTarget; label: string; fileSuffix: string }[] = [
  { id: 'pytorch', label: 'PyTorch (nn.Module + autograd.Function)', fileSuffix: '_torch.py' },
  { id: 'jax', label: 'JAX (jax.custom_vjp)', fileSuffix: '_jax.py' },
  { id: 'keras', label: 'Keras (Layer + tf.custom_gradient)', fileSuffix: '_keras.py' },
];

const EXPORTERS: Record<ExportTarget, (c: CompiledActivation, o?: ExportOptions) => string> = {
  pytorch: exportPyTorch,
  jax: exportJax,
  keras: exportKeras,
};

/** Python source for `target`. Throws CodegenError with a readable message when export is impossible. */
export function exportActivation(compiled: CompiledActivation, target: ExportTarget, opts?: ExportOptions): string {
  const exporter = Object.hasOwn(EXPORTERS, target) ? EXPORTERS[target] : undefined;
  if (!exporter) {
    throw new CodegenError(`Unknown export target "${String(target)}"; choose one of: ${EXPORT_TARGETS.map((t) => t.id).join(', ')}`);
  }
  return exporter(compiled, opts);
}

export { CodegenError } from './python-expr';
export type { ExportOptions } from './export-plan';
