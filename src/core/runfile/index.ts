/** Run files: save a training run (or a comparison) as versioned JSON, validate, load and retrain it. */
export { RunFileError } from './errors';
export * from './schema';
export { validateRunFile, validateComparisonFile, parseRunFileText } from './validate';
export { buildRunFiles, buildComparisonFile, trainRun, trainEpochs, type RunSetup, type RecordedRun } from './record';
export { retrainRun, type RetrainResult } from './retrain';
export { measureSensitivity } from './measureSensitivity';
export { sensitivityOf, sensitivityText, nudgedState, nextFloat32Up, engineSpreadOf, withEngineSpread, type RunSensitivity } from './sensitivity';
