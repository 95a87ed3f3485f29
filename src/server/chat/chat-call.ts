// One chat completion request as the handlers see it after parsing and authentication.

import type { Caller } from '../auth/authenticate.js';
import type { GatewayServices, RequestContext } from '../gateway-services.js';
import type { ChatRequest } from './chat-request.js';
import type { CompletionIdentity } from './completion-chunks.js';

export interface ChatCall {
  services: GatewayServices;
  context: RequestContext;
  caller: Caller;
  /** The end user: the body's `user`, else the X-Hotpath-User header. */
  user: string | undefined;
  chat: ChatRequest;
  /** The body as received. */
  bytes: Buffer;
  identity: CompletionIdentity;
  /** Absolute deadline (epoch ms). */
  deadline: number;
}
