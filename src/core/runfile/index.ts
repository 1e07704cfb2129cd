/** Run files: save a training run (or a comparison) as versioned JSON, validate, load and retrain it. */
export { RunFileError } from './errors';
export * from './schema';
export { validateRunFile, validateComparisonFile, parseRunFileText } from './validate';
export { buildRunFiles, buildComparisonFile, trainRun, trainEpochs, type RunSetup, type RecordedRun, type RecordOptions } from './record';
export { retrainRun, type RetrainResult } from './retrain';
export { engineBatchOrder } from './batchOrder';
export { measureSensitivity } from './measureSensitivity';
export { sensitivityOf, sensitivityText, nudgedState, nextFloat32Up, engineSpreadOf, withEngineSpread, CHAOTIC_THRESHOLD, type RunSensitivity, type EngineSpread } from './sensitivity';
export { shortestFloat32 } from './float32Text';
