/**
 * The pieces every page codec (explorerState, experimentState, trainState, compareState) reads
 * and writes a query with, written once: strict number text, `k=v&k=v` splitting and decoding,
 * number formatting and the escaping of activation tokens. Pure.
 */

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A finite decimal number, or undefined ("1e3" yes; "", "0x10", "Infinity", "1,5" no). */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Shortest text that reads back to the same float64. */
export function formatNumber(v: number): string {
  return String(v);
}

/** Splits and decodes `k=v&k=v` ('+' is a space); undecodable parts become problems. */
export function splitQuery(query: string, problems: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    try {
      const key = decodeURIComponent((eq === -1 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      const value = decodeURIComponent((eq === -1 ? '' : part.slice(eq + 1)).replace(/\+/g, ' '));
      out.push([key, value]);
    } catch {
      problems.push(`"${part}" is not valid URL encoding; ignored.`);
    }
  }
  return out;
}

/** Keeps `( ) , =` readable in links while escaping anything that could break the query. */
export function encodeToken(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3D/g, '=').replace(/%28/g, '(').replace(/%29/g, ')');
}
