// Calls a model for one step and reports it (events, spans, modelCalls) — the same report the
// router makes for each of its calls, so a run reads the same with or without a router.

export { reportModelCall as timedModelStream, type ReportModelCallOptions as TimedModelStreamOptions } from '../router/index.js';
