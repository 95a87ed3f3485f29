import { describe, expect, it } from 'vitest';
import { classifySpeechAct } from './classify-speech-act.js';

describe('classifySpeechAct', () => {
  it('recognises direct and indirect requests for an action', () => {
    for (const text of [
      'Reset my password',
      'Hi, can you reset my password?',
      'I forgot my password, please reset it.',
      "I'm locked out. Could you send me a password reset link?",
      'Please reset my password.',
      'Hello, I need a new password.',
      'My password expired, can you reset it for me?',
      'Can I get a password reset, please?',
      "Hey, reset my password please, I can't log in.",
      'Please close INC-4821.',
      'INC-4821 is fixed on my side, you can close it.',
      'Can you mark INC-4821 as resolved?',
      "I'm away next week, can you put INC-4821 on hold?",
      'Could you reopen INC-4821? The problem is back.',
      'Add a comment to INC-4821: "Still failing"',
      'I want to cancel my order',
      "Let's block the card",
      'Cancel my transfer',
    ]) {
      expect(classifySpeechAct(text), text).toBe('command');
    }
  });

  it('recognises questions, including polite imperatives that only ask for information', () => {
    for (const text of [
      'How do I reset my password?',
      'What are the steps to reset my password?',
      "What's the status of INC-4821?",
      'Hi, can you check the status of INC-4821 for me?',
      'Can you tell me who I report to?',
      'Could you look up who my manager is?',
      "Hello, I need my manager's name, please.",
      "Good morning. I'd like an update on INC-4821.",
      'Show me the P1 incident trend, this quarter versus last.',
      'Debug ERR-5521 across auth, api-gateway and billing',
      'Root-cause ERR-5521 please: auth, api-gateway, billing.',
      'Dana Smith, what is her phone?',
      'INC-4821 status?',
      'What foreign exchange rate will you use?',
      'Where do I go if I want to link my new card?',
      'I have been waiting for my card, could you provide information on when it will arrive?',
    ]) {
      expect(classifySpeechAct(text), text).toBe('question');
    }
  });

  it('leaves statements as statements', () => {
    expect(classifySpeechAct('My card has not arrived yet')).toBe('statement');
    expect(classifySpeechAct('card not working')).toBe('statement');
    expect(classifySpeechAct('I paid 50 EUR yesterday')).toBe('statement');
  });

  it('separates "Reset my password" from "How do I reset my password?"', () => {
    expect(classifySpeechAct('Reset my password')).not.toBe(classifySpeechAct('How do I reset my password?'));
  });
});
