/** What every page receives from the shell; apart from pages.ts so a page never imports the page list. */
export interface PageProps {
  /** The page's part of the URL hash (after `?`), undecoded. */
  query: string;
  /** Write the page's query back to the URL (replaceState: no history entry per slider move). */
  setQuery(query: string): void;
}
