export { defaultNamespace, formatRequestId, parseRequestIdentity, requestIdHeader, type RequestIdentity } from './request-identity.js';
export { trackConnections, type ConnectionTracker } from './connection-tracker.js';
