/**
 * The app's pages, in tab order. A page is a lazily loaded component taking PageProps.
 *
 * Train and Compare are optional until their modules exist: `import.meta.glob` finds
 * src/app/train/TrainPage.tsx and src/app/compare/ComparePage.tsx at build time (named exports
 * `TrainPage` / `ComparePage`, or a default export) and the tab appears by itself. To add another
 * page, add one line to PAGES.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface PageProps {
  /** The page's part of the URL hash (after `?`), undecoded. */
  query: string;
  /** Write the page's query back to the URL (replaceState: no history entry per slider move). */
  setQuery(query: string): void;
}

export interface PageSpec {
  id: string;
  label: string;
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

type PageModule = Record<string, ComponentType<PageProps> | undefined>;

const optionalModules = import.meta.glob<PageModule>(['./train/TrainPage.tsx', './compare/ComparePage.tsx']);

function optionalPage(id: string, label: string, path: string, exportName: string): PageSpec | undefined {
  const load = optionalModules[path];
  if (!load) return undefined;
  return { id, label, component: lazy(async () => pickComponent(await load(), exportName, path)) };
}

function pickComponent(mod: PageModule, exportName: string, path: string): { default: ComponentType<PageProps> } {
  const component = mod[exportName] ?? mod.default;
  if (!component) throw new Error(`${path} exports neither ${exportName} nor a default component`);
  return { default: component };
}

export const PAGES: PageSpec[] = [
  {
    id: 'explore',
    label: 'Explore',
    component: lazy(async () => ({ default: (await import('./explore/ExplorePage')).ExplorePage })),
  },
  optionalPage('train', 'Train', './train/TrainPage.tsx', 'TrainPage'),
  optionalPage('compare', 'Compare', './compare/ComparePage.tsx', 'ComparePage'),
].filter((p): p is PageSpec => p !== undefined);

export const DEFAULT_PAGE = 'explore';
