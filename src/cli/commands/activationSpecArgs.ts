/** `--param`, `--option`, `--learnable` and `--fixed` → the engine's ActivationSpec, checked. */
import type { ActivationSpec } from '../../core/train/activationSpec';
import { listFlag, UsageError, type ParsedArgs } from '../args';
import { compileFromArgs } from './activationArgs';

export const ACTIVATION_FLAGS = {
  param: { type: 'list' },
  option: { type: 'list' },
  learnable: { type: 'list' },
  fixed: { type: 'list' },
} as const;

export function activationSpec(id: string, args: ParsedArgs): ActivationSpec {
  const optionTexts = listFlag(args, 'option');
  const { compiled, params } = compileFromArgs({ id }, listFlag(args, 'param'), optionTexts);
  const learnable: Record<string, boolean> = {};
  const names = new Set(compiled.params.map((p) => p.name));
  for (const [flag, value] of [['learnable', true], ['fixed', false]] as const) {
    for (const name of listFlag(args, flag).flatMap((t) => t.split(','))) {
      if (!names.has(name)) throw new UsageError(`--${flag} ${name}: "${compiled.entry.id}" has no such parameter${names.size ? ` (parameters: ${[...names].join(', ')})` : ''}`);
      learnable[name] = value;
    }
  }
  const given = Object.fromEntries(listFlag(args, 'param').map((p) => p.split('=')[0].trim()).map((n) => [n, params[n]]));
  return {
    id: compiled.entry.id,
    ...(Object.keys(given).length ? { params: given } : {}),
    ...(Object.keys(compiled.options).length && optionTexts.length ? { options: compiled.options } : {}),
    ...(Object.keys(learnable).length ? { learnable } : {}),
  };
}
