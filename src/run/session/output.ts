// The output of one command as it streams in: kept up to a byte cap, then cut.
import { StringDecoder } from 'node:string_decoder'

/** Collects terminal output up to `maxBytes` UTF-8 bytes; past it, drops the rest and says so. */
export class OutputCapture {
  readonly #parts: string[] = []
  readonly #maxBytes: number
  #bytes = 0
  #truncated = false

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  get truncated(): boolean {
    return this.#truncated
  }

  append(text: string): void {
    if (this.#truncated) return
    const size = Buffer.byteLength(text)
    if (this.#bytes + size <= this.#maxBytes) {
      this.#parts.push(text)
      this.#bytes += size
      return
    }
    // Cut on a character boundary: the decoder holds back a partial UTF-8 sequence.
    const room = Buffer.from(text).subarray(0, this.#maxBytes - this.#bytes)
    this.#parts.push(new StringDecoder('utf8').write(room))
    this.#bytes = this.#maxBytes
    this.#truncated = true
  }

  /** The output as a terminal shows it: line ends (`\r\n`, or `\r\r\n` through a nested pty) as `\n`. */
  text(): string {
    return this.#parts.join('').replace(/\r+\n/g, '\n')
  }
}
