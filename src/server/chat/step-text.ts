// Agent answers streamed as one Chat Completions message.

/**
 * The text of one message made of several model turns: a turn that ends in tool calls may say
 * something first ("One moment while I check."), and the answer of a later turn must not run into it.
 */
export class StepText {
  #step = 0;
  #textStep: number | undefined;

  step(step: number): void {
    this.#step = step;
  }

  /** The delta to send, opening with a paragraph break when it starts a later turn's text. */
  delta(delta: string): string {
    if (delta === '') return delta;
    const separator = this.#textStep !== undefined && this.#textStep !== this.#step ? '\n\n' : '';
    this.#textStep = this.#step;
    return separator + delta;
  }
}
