// A deterministic stand-in for a BPE tokenizer: about four characters per token on English prose.
// Each token is a run of up to four non-space characters with the whitespace before it, so the
// pieces concatenate back to the exact text (a client joining streamed deltas gets the answer).

// The `u` flag counts code points, so an emoji is never cut in half across two deltas.
const tokenPattern = /\s*\S{1,4}|\s+/gu;
const maxCharactersPerToken = 4;

/** Splits text into tokens whose concatenation is the text. */
export function splitTokens(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** Number of tokens `splitTokens(text)` returns, without allocating the pieces. */
export function countTokens(text: string): number {
  let tokens = 0;
  let runLength = 0;
  let trailingSpace = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isLowSurrogate(code) && index > 0 && isHighSurrogate(text.charCodeAt(index - 1))) continue;
    if (isSpace(code)) {
      if (runLength > 0) tokens += Math.ceil(runLength / maxCharactersPerToken);
      runLength = 0;
      trailingSpace = true;
    } else {
      runLength++;
      trailingSpace = false;
    }
  }
  if (runLength > 0) tokens += Math.ceil(runLength / maxCharactersPerToken);
  return trailingSpace ? tokens + 1 : tokens;
}

// The same characters `\s` matches in a JavaScript regular expression.
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f ||
    code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
