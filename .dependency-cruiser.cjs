/**
 * Layer check (issue 16): `npm run check:layers`. Layers depend downwards only:
 * expr (+ math) → activation/registry → cpu, gpu → train → worker → app; no cycles.
 * The rules are the target shape; `knownViolations` is empty.
 */
/**
 * Known-violations baseline (.dependency-cruiser-known-violations.json): empty since issue 16's
 * engine branch (i16e) removed the last engine violations; keep it empty.
 */
const knownViolations = require('./.dependency-cruiser-known-violations.json');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      comment: 'src/core runs in Node, the worker and the page: no app, worker, cli, bench, React or DOM.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(app|worker|cli|bench)/', '(^|/)node_modules/(react|react-dom|plotly\\.js[^/]*|katex)/'] },
    },
    { name: 'worker-not-app', severity: 'error', from: { path: '^src/worker/' }, to: { path: '^src/app/' } },
    { name: 'app-not-cli-bench', severity: 'error', from: { path: '^src/app/' }, to: { path: '^src/(cli|bench)/' } },
    {
      name: 'expr-is-bottom',
      comment: 'expr needs only math.',
      severity: 'error',
      from: { path: '^src/core/expr/' },
      to: { path: '^src/core/', pathNot: '^src/core/(expr|math)/' },
    },
    {
      name: 'activation-registry-below-engines',
      comment: 'activation and registry sit on expr; they never reach up into the engines or training.',
      severity: 'error',
      from: { path: '^src/core/(activation|registry)/' },
      to: { path: '^src/core/(cpu|gpu|train|compare|runfile|tasks)/' },
    },
    {
      name: 'kernels-not-train',
      comment: 'cpu and gpu kernels are chosen by train; they never import it.',
      severity: 'error',
      from: { path: '^src/core/(cpu|gpu)/' },
      to: { path: '^src/core/(train|compare|runfile|tasks)/' },
    },
  ],
  options: {
    knownViolations,
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/.*\\.d\\.ts$' },
  },
};
