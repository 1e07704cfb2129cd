/**
 * The one error a bad run file produces: a message for the user that names the problem and where
 * in the JSON it is (a JSONPath such as $.initial.layers[1].W[3]).
 */
export class RunFileError extends Error {
  /** JSONPath of the offending value; '$' for the file as a whole. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(path === '$' ? `Run file: ${problem}` : `Run file, at ${path}: ${problem}`);
    this.name = 'RunFileError';
    this.path = path;
  }
}
