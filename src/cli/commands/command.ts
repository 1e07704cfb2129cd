/** One CLI command; apart from the table in index.ts so a command never imports the table. */
export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<void>;
}
