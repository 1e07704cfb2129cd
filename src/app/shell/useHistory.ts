/**
 * The browser history under the app's `#/<page>?<query>` routes. Every entry the app makes carries
 * its position (`history.state.apIndex`), so when Back/Forward or an edited URL arrives and the
 * app declines it (the person chose to keep a running comparison), the history goes back to
 * where it was instead of showing one state under another's URL.
 */
import { useCallback, useEffect, useRef } from 'react';
import { formatRoute, parseRoute, type Route } from '../state/route';

interface EntryState {
  apIndex: number;
}

function indexOf(state: unknown): number | null {
  const i = (state as Partial<EntryState> | null)?.apIndex;
  return typeof i === 'number' && Number.isInteger(i) ? i : null;
}

export interface AppHistory {
  /** Writes `route` to the URL, as a new entry ('push') or in place of the current one. */
  write(route: Route, mode: 'push' | 'replace'): void;
}

/**
 * `onExternal` receives each route the app did not write itself (Back/Forward, an edited or
 * pasted URL) and returns whether it was shown; false puts the previous entry back.
 */
export function useHistory(onExternal: (route: Route) => boolean): AppHistory {
  const index = useRef(0);
  const shown = useRef(formatRoute(parseRoute(window.location.hash)));
  const reverting = useRef(false);
  const onExternalRef = useRef(onExternal);
  useEffect(() => {
    onExternalRef.current = onExternal;
  });

  useEffect(() => {
    const start = indexOf(history.state);
    if (start === null) history.replaceState({ apIndex: 0 } satisfies EntryState, '');
    else index.current = start;

    // Chromium fires popstate and then hashchange for one step through the history; the second
    // finds the entry already shown and does nothing.
    const onNavigation = () => {
      const route = parseRoute(window.location.hash);
      const hash = formatRoute(route);
      const to = indexOf(history.state);
      if (reverting.current) {
        reverting.current = false;
        if (to !== null) index.current = to;
        return;
      }
      if (to === index.current && hash === shown.current) return;
      if (onExternalRef.current(route)) {
        if (to === null) {
          index.current += 1;
          history.replaceState({ apIndex: index.current } satisfies EntryState, '');
        } else {
          index.current = to;
        }
        shown.current = hash;
      } else {
        const delta = to === null ? 1 : to - index.current;
        if (delta !== 0) {
          reverting.current = true;
          history.go(-delta);
        }
      }
    };
    window.addEventListener('popstate', onNavigation);
    window.addEventListener('hashchange', onNavigation);
    return () => {
      window.removeEventListener('popstate', onNavigation);
      window.removeEventListener('hashchange', onNavigation);
    };
  }, []);

  const write = useCallback((route: Route, mode: 'push' | 'replace') => {
    const hash = formatRoute(route);
    if (hash === window.location.hash) return;
    // pushState/replaceState fire no popstate or hashchange event.
    if (mode === 'push') {
      index.current += 1;
      history.pushState({ apIndex: index.current } satisfies EntryState, '', hash);
    } else {
      history.replaceState({ apIndex: index.current } satisfies EntryState, '', hash);
    }
    shown.current = hash;
  }, []);

  return { write };
}
