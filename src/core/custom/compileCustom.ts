/**
 * Custom definition → CompiledActivation (through compileFormula, so it gets exact f′, f″,
 * ∂f/∂p and TeX like any registry entry), and id → entry lookup that knows both the registry and
 * `my.…` ids. Compiled definitions are kept per id, so the synthetic entry object is stable and
 * every later compileActivation(entry) hits the compiler's cache.
 */
import type { CompiledActivation } from '../activation/types';
import { getEntry } from '../registry/index';
import type { ActivationEntry } from '../registry/types';
import { customId, decodeCustomId, isCustomId } from './encoding';
import { CustomFormatError, type CustomActivation } from './types';
import { checkCustom } from './validate';

/** Typing in the formula box compiles many drafts; keep the most recent ones only. */
const MAX_CACHED = 200;
const cache = new Map<string, CompiledActivation>();

/** Compiles a valid definition; throws CustomFormatError listing its problems otherwise. */
export function compileCustom(def: CustomActivation): CompiledActivation {
  const id = customId(def);
  const hit = cache.get(id);
  if (hit) return hit;
  const { problems, compiled } = checkCustom(def, id);
  if (!compiled) {
    throw new CustomFormatError(`Custom activation "${def.name}" is not usable: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(id, compiled);
  return compiled;
}

/**
 * The compiled definition behind a `my.…` id: from the cache when this id was compiled before
 * (decoding validates the formula again, ~15 ms for a nested one, so a link of 12 re-parsed on
 * every state change would cost a frame budget many times over); throws CustomFormatError.
 */
export function compileCustomId(id: string): CompiledActivation {
  return cache.get(id) ?? compileCustom(decodeCustomId(id));
}

/** The synthetic registry-shaped entry of a valid definition (id `my.…`, name = its name). */
export function customEntry(def: CustomActivation): ActivationEntry {
  return compileCustom(def).entry;
}

/**
 * A registry entry by id or alias, or the entry behind a `my.…` custom id; undefined when
 * neither (including a damaged custom id: use customIdProblem for the reason).
 */
export function entryFor(idOrAlias: string): ActivationEntry | undefined {
  const entry = getEntry(idOrAlias);
  if (entry || !isCustomId(idOrAlias)) return entry;
  try {
    return compileCustomId(idOrAlias).entry;
  } catch {
    return undefined;
  }
}

/** Why a `my.…` id cannot be used (undefined when it can, or when it is not a custom id). */
export function customIdProblem(id: string): string | undefined {
  if (!isCustomId(id)) return undefined;
  try {
    compileCustom(decodeCustomId(id));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
