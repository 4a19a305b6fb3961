/**
 * Escaping for everything a report takes from the user (workload names, descriptions,
 * labels, settings, reasons): HTML text and attributes, JSON inside a <script> block,
 * inlined library code, Markdown and XML (JUnit).
 */

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in HTML text and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => htmlEntities[ch] ?? ch);
}

/**
 * JSON that can sit inside <script type="application/json"> and still parse to the same value:
 * `<`, `>` and `&` become \u escapes (so neither `</script>` nor `<!--` can appear), and the
 * line separators JavaScript once treated as newlines are escaped too.
 */
export function jsonForScript(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Library code inlined into a <script> element. The HTML parser ends a script at `</script`
 * and enters its "escaped" states at `<!--`, whatever the JavaScript means; in the places such
 * text can occur in a bundle (string, template and regex literals) `<\/` and `<\!` mean the
 * same characters, so the rewrite is harmless to the code and fatal to an early end tag.
 */
export function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** Safe in XML 1.0 text and attribute values; characters XML cannot carry at all are dropped. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/**
 * Text for one Markdown table cell or inline run: HTML-significant characters become
 * entities (GitHub renders them as text), the punctuation that opens emphasis, code, links
 * or a table cell is backslash-escaped, line breaks collapse to spaces so a value can't
 * start a block or break the table, and other control characters show as `\xHH` (the summary
 * is also printed on the terminal). Callers put values inside a line, never at its start.
 */
export function escapeMarkdown(value: unknown): string {
  return terminalSafe(String(value).replace(/\r?\n|\r/g, ' '))
    .replace(/[&<>]/g, (ch) => htmlEntities[ch] ?? ch)
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`);
}

/**
 * C0 and C1 control characters (ESC, BEL, CR, backspace, CSI…): written raw they set a
 * terminal's title, colour its output, move the cursor and forge whole lines.
 */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

/** True when `value` holds a control character (tab and newline included). */
export function hasControlCharacters(value: string): boolean {
  controlCharacters.lastIndex = 0;
  return controlCharacters.test(value);
}

/** `value` with every control character written as a visible `\xHH`, safe to print on a terminal. */
export function terminalSafe(value: unknown): string {
  return String(value).replace(controlCharacters, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
