export { canonicalJson } from './canonical-json.js';
export { errorBody, sendJson } from './send-json.js';
export { ToolCallError, type ServedDomain, type ToolCallContext, type ToolHandler, type ToolResult } from './served-domain.js';
export { createToolLatencySampler, type ToolLatencySampler } from './tool-latency.js';
export { compileToolRoutes, type RouteMatch, type ToolRoutes } from './tool-routes.js';
export { startToolServer, type AdminHandler, type ToolServer, type ToolServerOptions } from './tool-server.js';
