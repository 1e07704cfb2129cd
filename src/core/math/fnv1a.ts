/**
 * FNV-1a, 32 bit, over UTF-16 code units: a short stable hash of a text (formula ids, kernel
 * cache keys, RNG stream labels). Not cryptographic; equal texts give equal hashes everywhere.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
