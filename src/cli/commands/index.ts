/** The CLI's commands, one module each; main.ts dispatches on the first argument. */
import { listCommand } from './list';
import { evalCommand } from './eval';
import { trainCommand } from './train';
import { compareCommand } from './compare';
import { exportCommand } from './export';
import { propagateCommand } from './propagate';
import { RUN_COMMANDS } from './runs';

import type { Command } from './command';

export type { Command };

/** A Map, so that `npm run cli -- constructor` is an unknown command, not Object's. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['list', listCommand],
  ['eval', evalCommand],
  ['train', trainCommand],
  ['compare', compareCommand],
  ['export', exportCommand],
  ['propagate', propagateCommand],
  ...RUN_COMMANDS,
]);
