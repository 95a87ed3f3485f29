export { classifySpeechAct, type SpeechAct } from './classify-speech-act.js';
export { extractSlots } from './extract-slots.js';
export { normalizeRequestText, slotSignature, slotTemplate, softTermsAgree } from './slot-signature.js';
export type { ExtractedSlots, Slot, SlotKind } from './slot-types.js';
