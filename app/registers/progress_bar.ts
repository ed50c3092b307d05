/**
 * A minimal progress bar for long CLI work, written to stderr: bar, percentage, count, rate and
 * ETA. Redraws at most every 100 ms; on a non-TTY stream it prints a line every 10 %.
 */
export interface ProgressStream {
  isTTY?: boolean
  write(text: string): boolean
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--'
  const s = Math.max(0, Math.round(seconds))
  const m = Math.floor(s / 60)
  return `${m}:${String(s % 60).padStart(2, '0')}`
}

const numberFormat = new Intl.NumberFormat('en-US')

export class ProgressBar {
  #started = performance.now()
  #lastDraw = 0
  #lastDecile = -1

  constructor(
    private total: number,
    private label: string,
    private stream: ProgressStream = process.stderr,
    private width = 30
  ) {}

  render(done: number, now = performance.now()): string {
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1
    const filled = Math.round(ratio * this.width)
    const elapsed = (now - this.#started) / 1000
    const rate = elapsed > 0 ? done / elapsed : 0
    const eta = rate > 0 ? (this.total - done) / rate : Number.POSITIVE_INFINITY
    return (
      `${this.label} [${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ` +
      `${(ratio * 100).toFixed(0).padStart(3)}% ${numberFormat.format(done)}/${numberFormat.format(this.total)} ` +
      `· ${numberFormat.format(Math.round(rate))}/s · ETA ${formatDuration(eta)}`
    )
  }

  update(done: number) {
    const now = performance.now()
    if (this.stream.isTTY) {
      if (now - this.#lastDraw < 100 && done < this.total) return
      this.#lastDraw = now
      this.stream.write(`\r${this.render(done, now)}\x1b[K`)
      return
    }
    const decile = Math.floor((done / Math.max(1, this.total)) * 10)
    if (decile !== this.#lastDecile) {
      this.#lastDecile = decile
      this.stream.write(`${this.render(done, now)}\n`)
    }
  }

  finish(done = this.total) {
    this.#lastDraw = 0
    this.update(done)
    if (this.stream.isTTY) this.stream.write('\n')
  }
}
