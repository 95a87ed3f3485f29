// The entities a request names. Two requests may share a cached answer only when they name the same
// entities: "status of INC-4821" never gets INC-4822's answer, however similar the sentences.

export type SlotKind =
  | 'quoted'
  | 'url'
  | 'email'
  | 'id'
  | 'amount'
  | 'date'
  | 'period'
  | 'quantity'
  | 'number'
  | 'code'
  | 'name';

export interface Slot {
  kind: SlotKind;
  /** Normalised value: "INC-4821", "dana smith", "USD 50", "last:quarter", "5 gb". */
  value: string;
  /** The text as written in the request. */
  raw: string;
  /** Character offsets of `raw` in the request. */
  start: number;
  end: number;
}

export interface ExtractedSlots {
  /** In order of appearance. */
  slots: Slot[];
  /**
   * One string per distinct set of entities. Kinds in a fixed order; within a kind, values in order
   * of appearance (so "from Dana Smith to John Lee" and its reverse differ), repeats counted once.
   */
  signature: string;
  /** The request with each slot replaced by `{kind}`, lower-case, punctuation dropped: "status of {id}". */
  template: string;
  /**
   * Acronyms ("VPN", "SSO"), lower-case. People write them in capitals only sometimes, so they are not
   * part of the signature; a match instead needs each side's terms to appear as words in the other.
   */
  softTerms: string[];
}
