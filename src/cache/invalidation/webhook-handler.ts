// What the gateway mounts for backend webhooks: parse the body, publish the notice on the bus (which
// evicts in this process at once and reaches every other), and say what happened. HTTP is the
// gateway's business; this function only maps an outcome to a status.

import type { ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { isOtherNamespace, parseChangeBody } from './change-body.js';

export type WebhookOutcome =
  | { ok: true; status: 202; notice: ChangeNotice }
  | { ok: true; status: 200; ignored: string }
  | { ok: false; status: 400; error: HotpathError };

export interface WebhookHandlerOptions {
  bus: InvalidationBus;
  /** This deployment's namespace: changes written in another namespace are acknowledged and ignored. */
  namespace?: string;
  /** `source` of the notices (default "webhook"). */
  source?: string;
}

export type WebhookHandler = (body: unknown) => Promise<WebhookOutcome>;

export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  if (typeof options?.bus?.publish !== 'function') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'createWebhookHandler: option bus must be an InvalidationBus', { details: { option: 'bus' } });
  }
  const { bus, namespace } = options;
  const source = options.source ?? 'webhook';
  return async (body) => {
    let change;
    try {
      change = parseChangeBody(body, { source });
    } catch (error) {
      return { ok: false, status: 400, error: error as HotpathError };
    }
    if (isOtherNamespace(change, namespace)) return { ok: true, status: 200, ignored: `change in namespace ${String(change.namespace)}` };
    await bus.publish(change.notice);
    return { ok: true, status: 202, notice: change.notice };
  };
}
