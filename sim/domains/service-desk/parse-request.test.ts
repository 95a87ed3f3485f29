import { describe, expect, it } from 'vitest';
import { createDirectoryIndex } from './directory-index.js';
import {
  debugTemplates, faqTemplates, myManagerTemplates, resetPasswordTemplates, ticketStatusTemplates, trendTemplates,
  updateTicketTemplates, whoIsTemplates,
} from './intents.js';
import { kbArticles } from './kb-articles.js';
import { kbQueryFromText } from './kb-search.js';
import { parseServiceDeskRequest } from './parse-request.js';
import { generateServiceDeskData } from './service-desk-data.js';

const directory = createDirectoryIndex(generateServiceDeskData(7).users);
const target = generateServiceDeskData(7).users[41]!;

/** The text as written, and as a careless typist would: lower case, upper case, no punctuation. */
function variants(text: string): string[] {
  return [text, text.toLowerCase(), text.toUpperCase(), text.replace(/[?!.,:]/g, '')];
}

describe('parseServiceDeskRequest', () => {
  it('reads every ticket-status and update-ticket paraphrase', () => {
    for (const template of ticketStatusTemplates) {
      for (const text of variants(template.replace('{ticket}', 'INC-4821'))) {
        expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'ticket-status', ticketId: 'INC-4821' });
      }
    }
    for (const template of updateTicketTemplates) {
      const text = template.text.replace('{ticket}', 'INC-4821').replace('{comment}', 'Still failing after a reboot');
      const update = template.action === 'comment' ? { comment: 'Still failing after a reboot' } : { status: template.action };
      expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'update-ticket', ticketId: 'INC-4821', update });
      if (template.action !== 'comment') {
        expect(parseServiceDeskRequest(text.toLowerCase(), directory)).toEqual({ kind: 'update-ticket', ticketId: 'INC-4821', update });
      }
    }
  });

  it('reads manager, password and who-is questions', () => {
    for (const template of myManagerTemplates) for (const text of variants(template)) expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'my-manager' });
    for (const template of resetPasswordTemplates) for (const text of variants(template)) expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'reset-password' });
    for (const template of whoIsTemplates) {
      for (const text of variants(template.text.replace('{name}', target.name))) {
        expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'who-is', userId: target.id, name: target.name, field: template.field });
      }
    }
  });

  it('reads how-to questions as a search for their content words', () => {
    for (const article of kbArticles) {
      for (const template of faqTemplates) {
        const text = template.replace('{subject}', article.subject);
        for (const variant of variants(text)) {
          expect(parseServiceDeskRequest(variant, directory), variant).toEqual({ kind: 'faq', query: kbQueryFromText(text) });
        }
      }
    }
  });

  it('reads trend and debugging requests', () => {
    for (const template of trendTemplates) {
      for (const text of variants(template.replaceAll('{priority}', 'P2'))) expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'trend-analysis', priority: 'P2' });
    }
    for (const template of debugTemplates) {
      for (const text of variants(template.replace('{code}', 'ERR-5521'))) expect(parseServiceDeskRequest(text, directory), text).toEqual({ kind: 'debug-error', errorCode: 'ERR-5521' });
    }
  });

  it('returns nothing for requests outside the service desk', () => {
    expect(parseServiceDeskRequest('Tell me a joke about zebras', directory)).toBeUndefined();
    expect(parseServiceDeskRequest('', directory)).toBeUndefined();
  });
});
