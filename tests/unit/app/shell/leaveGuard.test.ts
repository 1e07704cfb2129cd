import { describe, expect, it } from 'vitest';
import { createGuardRegistry } from '../../../../src/app/shell/leaveGuard';

describe('leave guards', () => {
  it('report what leaving the asked pages would discard, from each guard’s current answer', () => {
    const registry = createGuardRegistry();
    let running = true;
    registry.set('compare', () => (running ? 'The comparison still running will be stopped.' : null));
    registry.set('train', () => null);
    expect(registry.messages(['compare', 'train', 'explore'])).toEqual(['The comparison still running will be stopped.']);
    running = false;
    expect(registry.messages(['compare'])).toEqual([]);
    running = true;
    registry.set('compare', null);
    expect(registry.messages(['compare'])).toEqual([]);
  });
});
