export { RunRecorder, type StageHandle } from './run-recorder.js';
