/** The playground's version, written into every run file so a reader knows what produced it. */
import packageJson from '../../../package.json';

export const PROJECT_VERSION: string = packageJson.version;
