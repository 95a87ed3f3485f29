// Draws one service-desk request: the intent (from the seed's mix unless given), the asking user
// and the entity (Zipf-like, so popular users and tickets recur), a paraphrase, and the truth
// the answer is scored against, with the plan a competent agent follows.

import type { DomainRequest, FactRef, GenerateRequestOptions, RequestTruth, SideEffectExpectation } from '../../domain/index.js';
import type { RandomSource } from '../../random/index.js';
import { priorities, quarters } from './calendar.js';
import {
  complexityOf, debugTemplates, faqTemplates, intentMix, myManagerTemplates, resetPasswordTemplates, ticketComments,
  ticketStatusTemplates, trendTemplates, updateTicketTemplates, whoIsTemplates, type IntentKind,
} from './intents.js';
import { planFor } from './intent-plan.js';
import { kbQueryFromText } from './kb-search.js';
import { kbArticles } from './kb-articles.js';
import type { ParsedRequest } from './parse-request.js';
import type { ServiceDeskData } from './service-desk-data.js';

export function createServiceDeskRequestGenerator(data: ServiceDeskData): (options: GenerateRequestOptions) => DomainRequest {
  const ticketsByRequester = new Map<string, string[]>();
  for (const ticket of data.tickets) ticketsByRequester.set(ticket.requester, [...(ticketsByRequester.get(ticket.requester) ?? []), ticket.id]);
  const tickets = new Map(data.tickets.map((ticket) => [ticket.id, ticket]));
  const { current, previous } = quarters();

  return function generateRequest(options) {
    const { random, entitySkew, userSkew } = options;
    const kind = (options.kind ?? drawKind(random)) as IntentKind;
    if (!intentMix.some((intent) => intent.kind === kind)) {
      throw new RangeError(`generateRequest: unknown kind "${kind}" (known: ${intentMix.map((intent) => intent.kind).join(', ')})`);
    }
    const asker = data.users[random.zipfIndex(data.users.length, userSkew)]!;
    const userEntity = `user:${asker.id}`;
    const ownTickets = ticketsByRequester.get(asker.id) ?? [];
    const pickOwnTicket = () => ownTickets[random.zipfIndex(ownTickets.length, entitySkew)]!;
    let parsed: ParsedRequest;
    let text: string;
    let facts: FactRef[] = [];
    let sideEffects: SideEffectExpectation[] = [];
    let entities: string[] = [];
    switch (kind) {
      case 'ticket-status': {
        const ticketId = random.next() < 0.85 ? pickOwnTicket() : data.tickets[random.zipfIndex(data.tickets.length, entitySkew)]!.id;
        const ticket = tickets.get(ticketId)!;
        const allowed = ticket.requester === asker.id || asker.department === 'IT';
        parsed = { kind, ticketId };
        text = random.pick(ticketStatusTemplates).replace('{ticket}', ticketId);
        if (allowed) facts = [{ entity: `ticket:${ticketId}`, field: 'status' }, { entity: `ticket:${ticketId}`, field: 'assignee' }, { entity: userEntity, field: 'firstName' }];
        entities = [`ticket:${ticketId}`];
        break;
      }
      case 'my-manager':
        parsed = { kind };
        text = random.pick(myManagerTemplates);
        facts = [{ entity: userEntity, field: 'firstName' }, { entity: userEntity, field: 'manager' }];
        break;
      case 'faq': {
        const article = kbArticles[random.zipfIndex(kbArticles.length, entitySkew)]!;
        text = random.pick(faqTemplates).replace('{subject}', article.subject);
        parsed = { kind, query: kbQueryFromText(text) };
        facts = [{ entity: `kb:${article.id}`, field: 'answer' }];
        entities = [`kb:${article.id}`];
        break;
      }
      case 'reset-password':
        parsed = { kind };
        text = random.pick(resetPasswordTemplates);
        facts = [{ entity: userEntity, field: 'email' }];
        sideEffects = [{ kind: 'reset_password', match: { userId: asker.id } }];
        break;
      case 'who-is': {
        let targetIndex = random.zipfIndex(data.users.length, entitySkew);
        if (data.users[targetIndex]!.id === asker.id) targetIndex = (targetIndex + 1) % data.users.length;
        const target = data.users[targetIndex]!;
        const template = random.pick(whoIsTemplates);
        parsed = { kind, userId: target.id, name: target.name, field: template.field };
        text = template.text.replace('{name}', target.name);
        facts = [{ entity: `user:${target.id}`, field: template.field }];
        break;
      }
      case 'update-ticket': {
        const ticketId = pickOwnTicket();
        const template = random.pick(updateTicketTemplates);
        const comment = random.pick(ticketComments);
        const update = template.action === 'comment' ? { comment } : { status: template.action };
        parsed = { kind, ticketId, update };
        text = template.text.replace('{ticket}', ticketId).replace('{comment}', comment);
        if ('status' in update) facts = [{ entity: `ticket:${ticketId}`, field: 'status' }];
        sideEffects = [{ kind: 'update_ticket', match: { ticketId, ...update } }];
        entities = [`ticket:${ticketId}`];
        break;
      }
      case 'trend-analysis': {
        const priority = priorities[random.zipfIndex(priorities.length, entitySkew)]!;
        parsed = { kind, priority };
        text = random.pick(trendTemplates).replaceAll('{priority}', priority);
        const currentKey = `incidents:${priority}:${current.id}`;
        const previousKey = `incidents:${priority}:${previous.id}`;
        facts = [{ entity: currentKey, field: 'months' }, { entity: previousKey, field: 'months' }, { entity: currentKey, field: 'trend' }];
        entities = [currentKey, previousKey];
        break;
      }
      case 'debug-error': {
        const error = data.errors[random.zipfIndex(data.errors.length, entitySkew)]!;
        parsed = { kind, errorCode: error.code };
        text = random.pick(debugTemplates).replace('{code}', error.code);
        facts = ['rootSystem', 'message', 'changeId'].map((field) => ({ entity: `error:${error.code}`, field }));
        entities = [`error:${error.code}`, `change:${error.changeId}`];
        break;
      }
    }
    const rootSystem = parsed.kind === 'debug-error' ? data.errors.find((error) => error.code === parsed.errorCode)!.rootSystem : undefined;
    const complexity = complexityOf(kind);
    const truth: RequestTruth = { facts, sideEffects, entities };
    return {
      kind, complexity, userId: asker.id, text, truth,
      plan: planFor(parsed, { userId: asker.id, ...(rootSystem ? { rootSystem } : {}) }),
      answerTokens: complexity === 'simple' ? 45 : 125,
    };
  };
}

function drawKind(random: RandomSource): IntentKind {
  let target = random.next() * intentMix.reduce((sum, intent) => sum + intent.weight, 0);
  for (const intent of intentMix) {
    target -= intent.weight;
    if (target < 0) return intent.kind;
  }
  return intentMix[intentMix.length - 1]!.kind;
}
