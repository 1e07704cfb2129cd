// Runs dependency-cruiser through its API: its CLI refuses Node 20, which this project's machines run.
import { createRequire } from 'node:module';
import process from 'node:process';
import { cruise } from 'dependency-cruiser';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs');
const result = await cruise(['src'], { ...config.options, ruleSet: config, validate: true, outputType: 'err' });
process.stdout.write(result.output);
process.exit(result.exitCode);
