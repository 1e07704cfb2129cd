/**
 * The 'auto' backend's timings, cached per device in localStorage so the measurement runs once
 * per browser and machine, not on every page load. A missing, blocked or malformed store reads
 * as empty (the worker then measures again); nothing here throws.
 */
import type { BackendTiming } from '../../core/train/backend';
import { BACKEND_PREFERENCES } from '../../core/train/choices';

const KEY = 'activation-playground.backend-timings.v1';
/** Devices remembered (a browser update changes the key; old entries are dropped first). */
const MAX_DEVICES = 8;

function isTiming(t: unknown): t is BackendTiming {
  const v = t as BackendTiming;
  return typeof v === 'object' && v !== null && (BACKEND_PREFERENCES as readonly string[]).includes(v.backend) && (v.backend as string) !== 'auto' && typeof v.msPerStep === 'number' && v.msPerStep >= 0;
}

/** Parses the stored text; anything malformed is dropped. Pure. */
export function parseTimingCache(text: string | null): Map<string, BackendTiming[]> {
  // A Map: the device names come from storage, and "__proto__" or "constructor" are just names.
  const out = new Map<string, BackendTiming[]>();
  if (!text) return out;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
    for (const [device, list] of Object.entries(v)) {
      if (Array.isArray(list) && list.length > 0 && list.every(isTiming)) out.set(device, list);
    }
  } catch {
    // A corrupt entry is measured again.
  }
  return out;
}

export function readTimingCache(): Map<string, BackendTiming[]> {
  try {
    return parseTimingCache(localStorage.getItem(KEY));
  } catch {
    return new Map();
  }
}

export function storeTimings(device: string, timings: BackendTiming[]): void {
  if (timings.length === 0) return;
  try {
    const all = readTimingCache();
    all.delete(device);
    const kept = [...all].slice(-(MAX_DEVICES - 1));
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries([...kept, [device, timings]])));
  } catch {
    // Storage full or blocked: the next load measures again.
  }
}
