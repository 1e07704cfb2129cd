/**
 * The URL hash is `#/<page>?<query>`. This module only splits and joins those two parts; each
 * page owns the meaning of its query (the explorer's is in ./explorerState.ts).
 */

export interface Route {
  page: string;
  query: string;
}

/** Accepts `#/explore?a=relu`, `#explore?a=relu`, `#?a=relu` (page '') and ''. */
export function parseRoute(hash: string): Route {
  let body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.startsWith('/')) body = body.slice(1);
  const q = body.indexOf('?');
  const page = (q === -1 ? body : body.slice(0, q)).trim();
  const query = q === -1 ? '' : body.slice(q + 1);
  return { page, query };
}

export function formatRoute(route: Route): string {
  return `#/${route.page}${route.query ? `?${route.query}` : ''}`;
}
