/**
 * Light/dark theme: an explicit choice is stored; without one the system preference
 * (prefers-color-scheme) is followed live. The theme is the `data-theme` attribute on <html>,
 * which the CSS variables key on; index.html sets it before first paint.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ThemeName } from '../plot/palette';

const STORAGE_KEY = 'ap-theme';

function systemTheme(): ThemeName {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedTheme(): ThemeName | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'dark' || v === 'light' ? v : null;
  } catch {
    return null;
  }
}

export function useThemeState(): { theme: ThemeName; toggle: () => void } {
  const [theme, setTheme] = useState<ThemeName>(() => storedTheme() ?? systemTheme());

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!media) return;
    const onChange = () => {
      if (storedTheme() === null) setTheme(systemTheme());
    };
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  const toggle = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Storage can be blocked (private mode); the choice then lasts for this page only.
      }
      return next;
    });
  }, []);

  return { theme, toggle };
}

export const ThemeContext = createContext<ThemeName>('light');

export function useTheme(): ThemeName {
  return useContext(ThemeContext);
}
