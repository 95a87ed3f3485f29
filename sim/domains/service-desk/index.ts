export { estimateTokens, padAnswer, targetAnswerTokens } from './answer-length.js';
export { argumentsKeyOf, findOutcome, isTransientFailure, maxToolAttempts, readConversation, shouldRetry, type Conversation, type MadeCall, type ToolOutcome } from './brain-conversation.js';
export { drawFailure, failureOutput, refusalText, vagueAnswerText, type FailureContext, type FailureMode } from './brain-failure.js';
export { createServiceDeskBrain } from './brain.js';
export { today as serviceDeskToday } from './calendar.js';
export { parseServiceDeskRequest, type ParsedRequest } from './parse-request.js';
export { serviceDeskCatalog } from './service-desk-catalog.js';
export { generateServiceDeskData, type ServiceDeskData } from './service-desk-data.js';
export { createServiceDeskDomain, type ServiceDeskDomain, type ServiceDeskDomainOptions } from './service-desk-domain.js';
