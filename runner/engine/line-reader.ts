/**
 * Splits a byte stream into newline-terminated lines in linear time: each chunk is scanned
 * once and a line is joined once, however many chunks it arrived in (re-scanning a growing
 * string buffer on every chunk made a 10 MB response cost the better part of a second).
 * A line longer than `maxLineBytes` is never buffered: it is reported once and skipped to its
 * end, so whatever writes to the stream cannot grow the engine's memory without bound.
 */
export class LineReader {
  readonly #maxLineBytes: number;
  readonly #onLine: (line: string) => void;
  readonly #onOversized: (bytes: number) => void;
  #parts: Buffer[] = [];
  #length = 0;
  #skipping = false;

  constructor(maxLineBytes: number, onLine: (line: string) => void, onOversized: (bytes: number) => void) {
    this.#maxLineBytes = maxLineBytes;
    this.#onLine = onLine;
    this.#onOversized = onOversized;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      // '\n' never occurs inside a multi-byte UTF-8 sequence: splitting bytes is safe.
      const newline = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      if (!this.#skipping && this.#length + piece.length > this.#maxLineBytes) {
        this.#skipping = true;
        const bytes = this.#length + piece.length;
        this.#parts = [];
        this.#length = 0;
        this.#onOversized(bytes);
      }
      if (newline === -1) {
        if (!this.#skipping && piece.length > 0) {
          this.#parts.push(piece);
          this.#length += piece.length;
        }
        return;
      }
      if (this.#skipping) {
        this.#skipping = false;
      } else {
        const line = this.#parts.length === 0 ? piece : Buffer.concat([...this.#parts, piece], this.#length + piece.length);
        this.#parts = [];
        this.#length = 0;
        this.#onLine(line.toString('utf8'));
      }
      start = newline + 1;
    }
  }
}

/**
 * The engine's end of a runtime's JSON-lines protocol channel (Node.js and Python environments):
 * each line parsed once; a line that is not JSON, or longer than `maxLineBytes`, can only be
 * something other than the bootstrap writing, and is reported to `onBroken` with one wording.
 */
export function protocolLineReader<Message>(maxLineBytes: number, onMessage: (message: Message) => void, onBroken: (reason: string) => void): LineReader {
  return new LineReader(
    maxLineBytes,
    (line) => {
      let message: Message;
      try {
        message = JSON.parse(line) as Message;
      } catch {
        onBroken(`the runtime wrote something other than a protocol message: ${JSON.stringify(line.slice(0, 80))}`);
        return;
      }
      onMessage(message);
    },
    (bytes) => onBroken(`the runtime wrote a protocol message of over ${bytes} bytes`),
  );
}
