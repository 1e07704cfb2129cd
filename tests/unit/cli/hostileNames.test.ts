/**
 * Names that collide with Object's own members (issue 14, hole 3, on the CLI's side): a command,
 * flag or --param called constructor, toString or __proto__ is an unknown name with a message,
 * never Object's member (which crashed `npm run cli -- constructor` with a TypeError).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseParamPairs, UsageError } from '../../../src/cli/args';
import { COMMANDS } from '../../../src/cli/commands/index';

const ROOT = resolve(import.meta.dirname, '../../..');
const HOSTILE = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__'];

describe('CLI names are looked up in their own tables only', () => {
  it('no hostile name is a command', () => {
    for (const name of HOSTILE) expect(COMMANDS.get(name)).toBeUndefined();
    expect(COMMANDS.get('eval')?.summary).toMatch(/evaluate/);
  });

  it('a hostile flag is an unknown option, named in the message', () => {
    for (const name of HOSTILE) {
      expect(() => parseArgs([`--${name}`, 'x'], { json: { type: 'bool' } })).toThrow(UsageError);
      expect(() => parseArgs([`--${name}`, 'x'], { json: { type: 'bool' } })).toThrow(`Unknown option "--${name}"`);
    }
  });

  it('a --param named __proto__ is kept as an own key, so the caller can refuse it', () => {
    const pairs = parseParamPairs(['__proto__=2', 'beta=1.5']);
    expect(Object.keys(pairs).sort()).toEqual(['__proto__', 'beta']);
    expect(pairs.beta).toBe(1.5);
  });

  it('`npm run cli -- constructor` and `eval swish --param __proto__=2` end in one error line, exit 2', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const a = run('constructor');
    expect(a.status).toBe(2);
    expect(a.stderr.trim()).toMatch(/^error: Unknown command "constructor"/);
    const b = run('eval', 'swish', '--x=1', '--param', '__proto__=2');
    expect(b.status).toBe(2);
    expect(b.stderr.trim()).toMatch(/^error: .*__proto__/);
  }, 30_000);
});
