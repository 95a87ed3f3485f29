export { CallLog, type CallQuery, type CallRecord } from './call-log.js';
