/**
 * The app shell: header (name, page tabs, theme toggle) and the current page. The page comes
 * from the URL hash (`#/<page>?<query>`); an unknown page name shows the default page and says so.
 */
import { Suspense, useCallback, useRef, type KeyboardEvent } from 'react';
import { DEFAULT_PAGE, PAGES } from '../pages';
import { ThemeContext, useThemeState } from '../theme/theme';
import { ErrorBoundary } from './ErrorBoundary';
import { useHashRoute } from './useHashRoute';
import { parseRoute } from '../state/route';

export function App() {
  const { theme, toggle } = useThemeState();
  const { route, navigate, externalVersion } = useHashRoute();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const requested = route.page === '' ? DEFAULT_PAGE : route.page;
  const page = PAGES.find((p) => p.id === requested) ?? PAGES.find((p) => p.id === DEFAULT_PAGE) ?? PAGES[0];
  const unknownPage = requested !== page.id ? requested : null;
  const PageComponent = page.component;

  const pageId = page.id;
  const setQuery = useCallback(
    (query: string) => {
      // A page that is leaving (or finished loading after the person moved on) must not pull
      // the URL back to itself; an unknown page name in the URL is corrected, though.
      const inUrl = parseRoute(window.location.hash).page || DEFAULT_PAGE;
      if (inUrl !== pageId && PAGES.some((p) => p.id === inUrl)) return;
      navigate({ page: pageId, query }, 'replace');
    },
    [navigate, pageId],
  );

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the page.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const target = e.key === 'Home' ? 0 : e.key === 'End' ? PAGES.length - 1 : (index + delta + PAGES.length) % PAGES.length;
    if (delta === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    navigate({ page: PAGES[target].id, query: '' }, 'push');
    tabRefs.current[target]?.focus();
  };

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
                aria-selected={p.id === page.id}
                aria-controls="main"
                tabIndex={p.id === page.id ? 0 : -1}
                className="tab"
                onClick={() => navigate({ page: p.id, query: '' }, 'push')}
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
      <main id="main" role="tabpanel" aria-labelledby={`tab-${page.id}`} tabIndex={-1} className="app-main">
        {unknownPage !== null && (
          <div className="notice" role="status">
            There is no page “{unknownPage}”; showing {page.label}.
          </div>
        )}
        <ErrorBoundary resetKey={page.id}>
          <Suspense fallback={<p className="loading">Loading {page.label}…</p>}>
            <PageComponent key={`${page.id}:${externalVersion}`} query={unknownPage !== null ? '' : route.query} setQuery={setQuery} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </ThemeContext.Provider>
  );
}
