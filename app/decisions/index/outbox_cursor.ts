/**
 * A reader's position in an ordered log whose ids come from a sequence. A transaction that took
 * a lower id may commit after a higher id was read, so the ids skipped over are kept for a few
 * seconds and asked for again (a rolled-back id simply never appears).
 */
export class OutboxCursor {
  position = 0
  #gaps = new Map<number, number>()

  constructor(private readonly graceMs = 5000) {}

  /** Ids skipped earlier that are still worth asking for. */
  pending(now = Date.now()): number[] {
    for (const [id, until] of this.#gaps) if (until < now) this.#gaps.delete(id)
    return [...this.#gaps.keys()]
  }

  /** Records the ids just read (ascending, all above the position or among the pending). */
  advance(ids: number[], now = Date.now()) {
    for (const id of ids) {
      if (this.#gaps.delete(id)) continue
      for (let missing = this.position + 1; missing < id && this.#gaps.size < 10_000; missing++) {
        this.#gaps.set(missing, now + this.graceMs)
      }
      if (id > this.position) this.position = id
    }
  }
}
