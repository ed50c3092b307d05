let clock: (() => Date) | null = null

/** The time sessions are judged by: the real clock, or the one a test put in its place. */
export function sessionNow(): Date {
  return clock ? clock() : new Date()
}

/** Makes `sessionNow` answer from `now`, or the real clock again with null. For tests. */
export function useSessionClock(now: (() => Date) | null) {
  clock = now
}
