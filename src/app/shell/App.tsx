/**
 * The app shell: header (name, page tabs, theme toggle) and the pages. The shown page comes from
 * the URL hash (`#/<page>?<query>`); an unknown page name shows the default page and says so.
 *
 * Every page visited stays mounted (hidden when not shown), so a tab comes back as it was left,
 * with its query in the URL and its results; see ./tabMemory.ts for the rules and
 * ./leaveGuard.ts for how a page is asked before the shell rebuilds or unloads it.
 */
import { memo, Suspense, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DEFAULT_PAGE, PAGES, type PageSpec } from '../pages';
import { ThemeContext, useThemeState } from '../theme/theme';
import { parseRoute, type Route } from '../state/route';
import { ErrorBoundary } from './ErrorBoundary';
import { confirmDiscard, createGuardRegistry, LeaveGuardContext, type LeaveGuardRegistry } from './leaveGuard';
import { historyMode, initialMemory, rememberQuery, showRoute, tabRoute, visitedPages, type TabMemory } from './tabMemory';
import { useHistory } from './useHistory';

const PAGE_IDS = PAGES.map((p) => p.id);

/** The page to show for a route's page name, and the name when it is not a page. */
function resolvePage(requested: string): { page: string; unknown: string | null } {
  const wanted = requested === '' ? DEFAULT_PAGE : requested;
  const page = PAGE_IDS.includes(wanted) ? wanted : PAGE_IDS.includes(DEFAULT_PAGE) ? DEFAULT_PAGE : PAGE_IDS[0];
  return { page, unknown: page === wanted ? null : wanted };
}

function openingState(): { memory: TabMemory; unknown: string | null } {
  const route = parseRoute(window.location.hash);
  const { page, unknown } = resolvePage(route.page);
  return { memory: initialMemory(page, unknown === null ? route.query : ''), unknown };
}

export function App() {
  const { theme, toggle } = useThemeState();
  const [opening] = useState(openingState);
  const [memory, setMemory] = useState(opening.memory);
  const [unknownPage, setUnknownPage] = useState(opening.unknown);
  // The memory as of the latest change; renders only need it when the shown page or a version changes.
  const memoryRef = useRef(memory);
  const lastWriteAt = useRef<number | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const guards = useMemo(() => createGuardRegistry(), []);

  const commit = useCallback((next: TabMemory) => {
    memoryRef.current = next;
    setMemory(next);
  }, []);

  const onExternal = useCallback(
    (route: Route): boolean => {
      const { page, unknown } = resolvePage(route.page);
      const outcome = showRoute(memoryRef.current, page, unknown === null ? route.query : '');
      if (outcome.rebuilds !== null && !confirmDiscard(guards.messages([outcome.rebuilds])[0] ?? null)) return false;
      setUnknownPage(unknown);
      commit(outcome.memory);
      return true;
    },
    [commit, guards],
  );
  const appHistory = useHistory(onExternal);

  const openTab = useCallback(
    (id: string) => {
      const route = tabRoute(memoryRef.current, id);
      appHistory.write(route, 'push');
      lastWriteAt.current = performance.now();
      setUnknownPage(null);
      commit(showRoute(memoryRef.current, id, route.query).memory);
    },
    [appHistory, commit],
  );

  // One stable setQuery per page: a hidden page's writes are remembered, only the shown one's reach the URL.
  const setQueryFor = useMemo(
    () =>
      new Map(
        PAGE_IDS.map((id) => [
          id,
          (query: string) => {
            // Only the ref: pages write from inside their state updates, where setState on App is not allowed.
            memoryRef.current = rememberQuery(memoryRef.current, id, query);
            if (memoryRef.current.active !== id) return;
            const now = performance.now();
            appHistory.write({ page: id, query }, historyMode(lastWriteAt.current, now));
            lastWriteAt.current = now;
          },
        ]),
      ),
    [appHistory],
  );
  const guardContexts = useMemo(() => new Map(PAGE_IDS.map((id) => [id, { page: id, registry: guards }])), [guards]);

  // Closing or reloading the tab would end every page's runs: the browser's own prompt asks.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (guards.messages(visitedPages(memoryRef.current, PAGE_IDS)).length === 0) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [guards]);

  // Plotly sizes a chart to its container, which has no size while hidden: re-measure on show.
  useEffect(() => {
    const frame = requestAnimationFrame(() => window.dispatchEvent(new Event('resize')));
    return () => cancelAnimationFrame(frame);
  }, [memory.active]);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the page.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const target = e.key === 'Home' ? 0 : e.key === 'End' ? PAGES.length - 1 : (index + delta + PAGES.length) % PAGES.length;
    if (delta === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    openTab(PAGES[target].id);
    tabRefs.current[target]?.focus();
  };

  const active = PAGES.find((p) => p.id === memory.active) ?? PAGES[0];
  return (
    <ThemeContext.Provider value={theme}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="app-header">
        <h1 className="app-title">Activation Playground</h1>
        <nav aria-label="Pages">
          <div role="tablist" className="tabs">
            {PAGES.map((p, i) => (
              <button
                key={p.id}
                ref={(el) => {
                  tabRefs.current[i] = el;
                }}
                role="tab"
                id={`tab-${p.id}`}
                aria-selected={p.id === active.id}
                aria-controls={`panel-${p.id}`}
                tabIndex={p.id === active.id ? 0 : -1}
                className="tab"
                onClick={() => openTab(p.id)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {p.label}
              </button>
            ))}
          </div>
        </nav>
        <button
          type="button"
          className="theme-toggle"
          onClick={toggle}
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {unknownPage !== null && (
          <div className="notice" role="status">
            There is no page “{unknownPage}”; showing {active.label}.
          </div>
        )}
        {PAGES.map((p) => {
          const query = memory.opened.get(p.id);
          return (
            <div key={p.id} role="tabpanel" id={`panel-${p.id}`} aria-labelledby={`tab-${p.id}`} hidden={p.id !== active.id} className="page-panel">
              {query !== undefined && (
                <PageHost
                  spec={p}
                  version={memory.versions.get(p.id) ?? 0}
                  query={query}
                  setQuery={setQueryFor.get(p.id) ?? ignoreQuery}
                  guard={guardContexts.get(p.id) ?? null}
                />
              )}
            </div>
          );
        })}
      </main>
    </ThemeContext.Provider>
  );
}

function ignoreQuery(): void {}

interface PageHostProps {
  spec: PageSpec;
  version: number;
  query: string;
  setQuery(query: string): void;
  guard: { page: string; registry: LeaveGuardRegistry } | null;
}

/** One page with its error boundary; memoised, so another page's URL writes do not re-render it. */
const PageHost = memo(function PageHost({ spec, version, query, setQuery, guard }: PageHostProps) {
  const PageComponent = spec.component;
  return (
    <LeaveGuardContext.Provider value={guard}>
      <ErrorBoundary resetKey={`${spec.id}:${version}`}>
        <Suspense fallback={<p className="loading">Loading {spec.label}…</p>}>
          <PageComponent key={version} query={query} setQuery={setQuery} />
        </Suspense>
      </ErrorBoundary>
    </LeaveGuardContext.Provider>
  );
});
