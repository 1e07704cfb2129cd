/** The CLI's commands, one module each; main.ts dispatches on the first argument. */
import { listCommand } from './list';
import { evalCommand } from './eval';
import { trainCommand } from './train';
import { compareCommand } from './compare';
import { exportCommand } from './export';
import { RUN_COMMANDS } from './runs';

import type { Command } from './command';

export type { Command };

export const COMMANDS: Record<string, Command> = {
  list: listCommand,
  eval: evalCommand,
  train: trainCommand,
  compare: compareCommand,
  export: exportCommand,
  ...RUN_COMMANDS,
};
