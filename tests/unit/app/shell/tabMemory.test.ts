import { describe, expect, it } from 'vitest';
import { historyMode, initialMemory, rememberQuery, SETTLE_MS, showRoute, tabRoute, visitedPages } from '../../../../src/app/shell/tabMemory';

describe('tabMemory', () => {
  it('brings a tab back with the query it last wrote', () => {
    let m = initialMemory('explore', 'a=relu');
    m = rememberQuery(m, 'explore', 'a=relu&a=gelu');
    expect(tabRoute(m, 'train')).toEqual({ page: 'train', query: '' });
    m = showRoute(m, 'train', '').memory;
    m = rememberQuery(m, 'train', 'act=golu&seed=1');
    expect(tabRoute(m, 'explore')).toEqual({ page: 'explore', query: 'a=relu&a=gelu' });
    const back = showRoute(m, 'explore', 'a=relu&a=gelu');
    expect(back.rebuilds).toBeNull();
    expect(back.memory.active).toBe('explore');
    expect(back.memory.versions.get('explore')).toBe(0);
    expect(visitedPages(back.memory, ['explore', 'train', 'compare'])).toEqual(['explore', 'train']);
  });

  it('rebuilds a visited page only when a URL brings a state other than the one it holds', () => {
    let m = initialMemory('compare', 'a=relu&seeds=3');
    m = showRoute(m, 'explore', 'a=gelu').memory;
    const same = showRoute(m, 'compare', 'a=relu&seeds=3');
    expect(same.rebuilds).toBeNull();
    expect(same.memory.versions.get('compare')).toBe(0);
    const other = showRoute(m, 'compare', 'a=relu&seeds=5');
    expect(other.rebuilds).toBe('compare');
    expect(other.memory.versions.get('compare')).toBe(1);
    expect(other.memory.opened.get('compare')).toBe('a=relu&seeds=5');
    // The page that was not rebuilt keeps the query it was opened with.
    expect(other.memory.opened.get('explore')).toBe('a=gelu');
  });

  it('adds a history entry for the first change after a pause, replaces it while changes follow quickly', () => {
    expect(historyMode(null, 5000)).toBe('replace');
    expect(historyMode(1000, 1000 + SETTLE_MS - 1)).toBe('replace');
    expect(historyMode(1000, 1000 + SETTLE_MS)).toBe('push');
  });
});
