/** The app's pages, in tab order. A page is a lazily loaded component taking PageProps; to add one, add one line. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PageProps } from './pageProps';

export interface PageSpec {
  id: string;
  label: string;
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

export const PAGES: PageSpec[] = [
  {
    id: 'explore',
    label: 'Explore',
    component: lazy(async () => ({ default: (await import('./explore/ExplorePage')).ExplorePage })),
  },
  { id: 'train', label: 'Train', component: lazy(async () => ({ default: (await import('./train/TrainPage')).TrainPage })) },
  {
    id: 'compare',
    label: 'Compare',
    component: lazy(async () => ({ default: (await import('./compare/ComparePage')).ComparePage })),
  },
];

export const DEFAULT_PAGE = 'explore';
