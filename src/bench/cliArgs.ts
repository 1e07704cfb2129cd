/**
 * The bench scripts' shared handling of bad options: the parser's message on stderr, exit code
 * 2 (as the CLI does), and no stack trace.
 */
export function parsedOrExit<T>(parse: (argv: string[]) => T): T | null {
  try {
    return parse(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return null;
  }
}
