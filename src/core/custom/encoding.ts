/**
 * URL-safe text form of a custom activation, used in links and as its activation id.
 *
 * Format: base64url (RFC 4648 §5, no padding) of the UTF-8 JSON array
 *   [1, name, formula, [[paramName, default, min, max, learnable 0|1], …]]
 * where the leading 1 is the format version. JSON numbers carry float64 values exactly.
 * The activation id is `my.` followed by that text: the id alone is the whole definition, so a
 * link (Explorer, Trainer, Compare) or a run spec sent to the worker needs nothing else.
 *
 * decodeCustom rejects anything else (wrong alphabet, bad UTF-8 or JSON, wrong shape, a
 * definition that does not validate) with a CustomFormatError saying what is wrong.
 */
import { validateCustom } from './validate';
import { CustomFormatError, MAX_CUSTOM_FORMULA_LENGTH, type CustomActivation, type CustomParam } from './types';

const CUSTOM_ID_PREFIX = 'my.';
const VERSION = 1;
/** Far above any valid definition; bounds the work done on hostile input. */
const MAX_ENCODED_LENGTH = 4 * MAX_CUSTOM_FORMULA_LENGTH + 2000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new CustomFormatError('Custom activation text is cut off (its length is not a valid base64url length)');
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const v = INDEX.get(text[i]);
    if (v === undefined) throw new CustomFormatError(`Custom activation text has the character "${text[i]}" at position ${i}; only A–Z, a–z, 0–9, - and _ can appear`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}

export function encodeCustom(def: CustomActivation): string {
  const json = JSON.stringify([VERSION, def.name, def.formula, def.params.map((p) => [p.name, p.default, p.min, p.max, p.learnable ? 1 : 0])]);
  return toBase64Url(new TextEncoder().encode(json));
}

function shapeError(what: string): CustomFormatError {
  return new CustomFormatError(`Custom activation text is not a valid definition: ${what}`);
}

function readParam(raw: unknown, i: number): CustomParam {
  if (!Array.isArray(raw) || raw.length !== 5) throw shapeError(`parameter ${i + 1} must be [name, default, min, max, learnable]`);
  const [name, def, min, max, learnable] = raw as unknown[];
  if (typeof name !== 'string') throw shapeError(`parameter ${i + 1} has no name`);
  for (const [key, v] of [['default', def], ['min', min], ['max', max]] as const) {
    if (typeof v !== 'number') throw shapeError(`${key} of parameter "${name}" is not a number`);
  }
  if (learnable !== 0 && learnable !== 1) throw shapeError(`learnable of parameter "${name}" must be 0 or 1`);
  return { name, default: def as number, min: min as number, max: max as number, learnable: learnable === 1 };
}

/** The definition in `text` (encodeCustom's output), validated; throws CustomFormatError otherwise. */
export function decodeCustom(text: string): CustomActivation {
  if (typeof text !== 'string' || text === '') throw new CustomFormatError('Custom activation text is empty');
  if (text.length > MAX_ENCODED_LENGTH) throw new CustomFormatError(`Custom activation text is too long (${text.length} characters)`);
  const bytes = fromBase64Url(text);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CustomFormatError('Custom activation text does not decode to UTF-8 text (damaged or cut off)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new CustomFormatError('Custom activation text does not decode to a definition (damaged or cut off)');
  }
  if (!Array.isArray(raw) || raw.length !== 4) throw shapeError('expected [version, name, formula, parameters]');
  const [version, name, formula, params] = raw as unknown[];
  if (version !== VERSION) throw shapeError(`unknown format version ${JSON.stringify(version)} (this app reads version ${VERSION})`);
  if (typeof name !== 'string') throw shapeError('the name is not text');
  if (typeof formula !== 'string') throw shapeError('the formula is not text');
  if (!Array.isArray(params)) throw shapeError('the parameter list is not a list');
  const def: CustomActivation = { name, formula, params: params.map(readParam) };
  const problems = validateCustom(def);
  if (problems.length > 0) {
    throw new CustomFormatError(`Custom activation "${name}" is not usable: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  return def;
}

export function customId(def: CustomActivation): string {
  return CUSTOM_ID_PREFIX + encodeCustom(def);
}

export function isCustomId(id: string): boolean {
  return id.startsWith(CUSTOM_ID_PREFIX);
}

/** The definition behind a `my.…` id; throws CustomFormatError for any other id or a damaged one. */
export function decodeCustomId(id: string): CustomActivation {
  if (!isCustomId(id)) throw new CustomFormatError(`"${id.slice(0, 40)}" is not a custom activation id (those start with "${CUSTOM_ID_PREFIX}")`);
  return decodeCustom(id.slice(CUSTOM_ID_PREFIX.length));
}
