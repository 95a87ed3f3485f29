import { describe, expect, it } from 'vitest';
import { extractSlots } from './extract-slots.js';
import { normalizeRequestText, softTermsAgree } from './slot-signature.js';

const signature = (text: string) => extractSlots(text).signature;
const kinds = (text: string) => extractSlots(text).slots.map((slot) => `${slot.kind}:${slot.value}`);

describe('extractSlots', () => {
  it('finds ids of several shapes and normalises their case', () => {
    expect(kinds("What's the status of INC-4821?")).toEqual(['id:INC-4821']);
    expect(kinds('debug err-5521 please')).toEqual(['id:ERR-5521']);
    expect(kinds('Where is my order #W2378156?')).toEqual(['id:W2378156']);
    expect(kinds('look up user u0042')).toEqual(['id:U0042']);
    expect(kinds('ticket #12345 is stuck')).toEqual(['id:12345']);
  });

  it('gives paraphrases of one entity one signature, and other entities another', () => {
    const same = ["What's the status of INC-4821?", 'Hi, can you check the status of INC-4821 for me?', 'INC-4821 status?', 'any news on inc-4821'];
    expect(new Set(same.map(signature)).size).toBe(1);
    expect(signature('status of INC-4821')).not.toBe(signature('status of INC-4822'));
  });

  it('extracts capitalised names that do not merely start the sentence', () => {
    expect(kinds("What's Dana Smith's email?")).toEqual(['name:dana smith']);
    expect(kinds("Can you give me John Lee's e-mail address?")).toEqual(['name:john lee']);
    expect(kinds('Dana Smith, what is her phone?')).toEqual(['name:dana smith']);
    expect(kinds('Who is my manager?')).toEqual([]);
    expect(kinds('Please Reset it')).toEqual(['name:reset']);
    expect(signature("Dana Smith's email")).not.toBe(signature("John Lee's email"));
    expect(kinds('Is my iPhone covered?')).toEqual(['name:iphone']);
  });

  it('extracts e-mails, urls, amounts and quantities with normalised values', () => {
    expect(kinds('write to jo.doe@example.com')).toEqual(['email:jo.doe@example.com']);
    expect(kinds('see https://status.example.com/a.')).toEqual(['url:https://status.example.com/a']);
    expect(kinds('Transfer $50 now')).toEqual(['amount:USD 50']);
    expect(kinds('transfer 50 dollars now')).toEqual(['amount:USD 50']);
    expect(kinds('I paid 1,200.50 EUR')).toEqual(['amount:EUR 1200.5']);
    expect(kinds('a 5 GB plan with 20% off')).toEqual(['quantity:5 gb', 'quantity:20 %']);
    expect(kinds('a 5GB plan')).toEqual(['quantity:5 gb']);
    expect(kinds('across 3 systems')).toEqual(['quantity:3 system']);
    expect(kinds('with 6 other players')).toEqual(['number:6']);
    expect(signature('send $50')).not.toBe(signature('send $500'));
    expect(signature('upgrade to 5 GB')).not.toBe(signature('upgrade to 50 GB'));
  });

  it('extracts dates, times and relative periods, with synonyms normalised', () => {
    expect(kinds('on 2024-05-01')).toEqual(['date:2024-05-01']);
    expect(kinds('on May 3rd, 2024')).toEqual(['date:2024-05-03']);
    expect(kinds('on 3 May')).toEqual(['date:05-03']);
    expect(kinds('at 3pm')).toEqual(['date:15:00']);
    expect(kinds('next Monday')).toEqual(['period:next:monday']);
    expect(kinds('P1 incidents this quarter')).toEqual(['code:P1', 'period:this:quarter']);
    expect(signature('P1 incidents this quarter')).toBe(signature('P1 incidents in the current quarter'));
    expect(signature('P1 incidents this quarter')).not.toBe(signature('P1 incidents last quarter'));
    expect(signature('sales last week')).toBe(signature('sales in the previous week'));
    expect(signature('sales last week')).not.toBe(signature('sales yesterday'));
    expect(kinds('errors in the last 30 days')).toEqual(['period:last:30 day']);
    expect(kinds('three days ago')).toEqual(['period:ago:3 day']);
    expect(kinds('revenue year to date')).toEqual(['period:to-date:year']);
  });

  it('treats codes mixing letters and digits as slots', () => {
    expect(kinds('Analyze P2 incidents')).toEqual(['code:P2']);
    expect(signature('Analyze P1 incidents')).not.toBe(signature('Analyze P2 incidents'));
    expect(kinds('enable 2FA')).toEqual(['code:2FA']);
  });

  it('keeps quoted text whole', () => {
    expect(kinds('Add a comment to INC-4821: "Still failing after a reboot"')).toEqual(['id:INC-4821', 'quoted:still failing after a reboot']);
    expect(signature('note "works at home"')).not.toBe(signature('note "fails at home"'));
  });

  it('orders values within a kind, so swapped roles differ', () => {
    expect(signature('move Dana Smith to the team of John Lee')).not.toBe(signature('move John Lee to the team of Dana Smith'));
    expect(signature('P1 and P2 incidents')).toBe(signature('P1 and P2 incidents, P1 especially'));
  });

  it('builds the template a plan is remembered under', () => {
    expect(extractSlots("What's the status of INC-4821?").template).toBe("what's the status of {id}");
    expect(extractSlots("What's the status of INC-9999?").template).toBe("what's the status of {id}");
    expect(extractSlots('Analyze the trend in P1 incidents this quarter').template).toBe('analyze the trend in {code} incidents {period}');
  });

  it('treats acronyms as soft terms that must appear on both sides', () => {
    const vpn = extractSlots('How do I set up VPN?');
    expect(vpn.softTerms).toEqual(['vpn']);
    expect(vpn.signature).toBe('');
    const sso = extractSlots('how do I set up SSO');
    expect(softTermsAgree({ softTerms: vpn.softTerms, text: 'how do i set up vpn' }, { softTerms: [], text: 'how do i set up the vpn client' })).toBe(true);
    expect(softTermsAgree({ softTerms: vpn.softTerms, text: 'how do i set up vpn' }, { softTerms: sso.softTerms, text: 'how do i set up sso' })).toBe(false);
  });

  it('ignores capitals in shouted text', () => {
    expect(kinds('WHERE IS MY CARD PLEASE HELP')).toEqual([]);
  });

  it('normalises exact-match text', () => {
    expect(normalizeRequestText('  Who is   my Manager?? ')).toBe('who is my manager');
    expect(normalizeRequestText('What’s up')).toBe("what's up");
  });
});
