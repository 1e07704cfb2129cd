/**
 * `npm run cli -- <command> …`: the playground's core from the command line. Every failure a
 * user can cause ends in a one-line message and exit code 2; a bug (anything else) exits 1.
 */
import { CodegenError } from '../core/codegen/python-expr';
import { ConfigError } from '../core/configError';
import { CustomFormatError } from '../core/custom/types';
import { ExprError } from '../core/expr/errors';
import { RunFileError } from '../core/runfile/errors';
import { UsageError } from './args';
import { COMMANDS } from './commands';

const USAGE = `usage: npm run cli -- <command> [options]

commands:
${[...COMMANDS]
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run "npm run cli -- <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS.get(name);
  if (!command) throw new UsageError(`Unknown command "${name}". Commands: ${[...COMMANDS.keys()].join(', ')}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: npm run cli -- ${name} ${command.usage}\n`);
    return 0;
  }
  await command.run(rest);
  return 0;
}

/**
 * Errors a user can cause are the classes the core throws with a message meant for them: a bad
 * flag, a formula, a run file, a custom-activation file, an export the target cannot express,
 * a training setting the engine cannot honour.
 */
const USER_ERRORS = [UsageError, ExprError, RunFileError, CustomFormatError, CodegenError, ConfigError];

function isUserError(err: unknown): err is Error {
  return USER_ERRORS.some((E) => err instanceof E);
}

/**
 * Exits once stdout and stderr have drained: process.exit right away would cut piped output at
 * the pipe buffer (64 KiB), and waiting for the event loop to empty can hang on GPU handles.
 */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterFlush, (err: unknown) => {
  if (isUserError(err)) {
    process.stderr.write(`error: ${err.message.split('\n')[0]}\n`);
    return exitAfterFlush(2);
  }
  process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  exitAfterFlush(1);
});
