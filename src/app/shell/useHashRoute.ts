/** The current `#/<page>?<query>` route, following back/forward and hand-edited URLs. */
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from '../state/route';

export interface HashRoute {
  route: Route;
  /**
   * Counts navigations the app did not make itself (back/forward, an edited or pasted URL).
   * Pages are keyed on it, so they re-read their state from the new URL.
   */
  externalVersion: number;
  navigate(route: Route, mode: 'push' | 'replace'): void;
}

export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [externalVersion, setExternalVersion] = useState(0);

  useEffect(() => {
    // pushState/replaceState (used by navigate) never fire hashchange, so every event here is external.
    const onHashChange = () => {
      setRoute(parseRoute(window.location.hash));
      setExternalVersion((v) => v + 1);
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('popstate', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('popstate', onHashChange);
    };
  }, []);

  const navigate = useCallback((next: Route, mode: 'push' | 'replace') => {
    const hash = formatRoute(next);
    if (hash !== window.location.hash) {
      if (mode === 'push') history.pushState(null, '', hash);
      else history.replaceState(null, '', hash);
    }
    setRoute(next);
  }, []);

  return { route, externalVersion, navigate };
}
