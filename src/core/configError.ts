/**
 * A training or data setting the engine cannot honour (an unknown dataset, an init that does not
 * apply to this activation, a batch order that is not a permutation): the message is for the
 * person who chose it. The CLI prints it as one line; the worker shows it on the page. Anything
 * else thrown by the engine is a bug.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
