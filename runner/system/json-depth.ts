/**
 * How deeply a JSON text nests, counted on the text before it is parsed: JSON.parse takes
 * 200,000 levels, but JSON.stringify (every request body is one) and any recursive walk then
 * overflow the call stack, and Python's json module stops near 1,000 (its recursion limit).
 */
export const maxJsonDepth = 512;

/** The deepest nesting of objects and arrays in `text` (brackets inside strings do not count). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return deepest;
}

/** A one-line reason when `text` nests deeper than maxJsonDepth, else undefined. */
export function jsonDepthProblem(text: string): string | undefined {
  const depth = jsonNestingDepth(text);
  return depth > maxJsonDepth ? `nests ${depth} levels deep (at most ${maxJsonDepth}: deeper JSON cannot be serialised, and Python's json module stops near 1,000)` : undefined;
}
