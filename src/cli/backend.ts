/**
 * Backend set-up for the CLI. Node has no WebGPU of its own: for 'webgpu' (and 'auto') the
 * Dawn bindings are installed first; 'cpu' is the default because tiny networks run fastest
 * there in Node and its results are reproducible to the bit.
 */
import { BACKEND_PREFERENCES, selectBackend, type BackendChoice, type BackendPreference } from '../core/train/backend';
import { UsageError } from './args';
import { installNodeWebGpu } from './node-webgpu';

export async function setupBackend(text: string | undefined): Promise<BackendChoice> {
  const preference = (text ?? 'cpu') as BackendPreference;
  if (!(BACKEND_PREFERENCES as readonly string[]).includes(preference)) {
    throw new UsageError(`--backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got "${text}"`);
  }
  let note = '';
  if (preference === 'webgpu' || preference === 'auto') {
    const gpu = await installNodeWebGpu();
    if (!gpu.ok) note = gpu.reason ?? '';
  }
  const choice = await selectBackend(preference);
  if (note && choice.backend !== 'webgpu') choice.reason += ` (${note})`;
  return choice;
}
