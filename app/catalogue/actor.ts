import type { HttpContext } from '@adonisjs/core/http'

/**
 * Who performs a catalogue step: a staff user, an API client or the seeder.
 * The four-eyes rule compares users by id and everyone else by label.
 */
export interface Actor {
  userId: number | null
  label: string
  ctx?: HttpContext
}

export function actorFrom(ctx: HttpContext): Actor {
  const user = ctx.auth.getUserOrFail()
  return { userId: user.id, label: user.email, ctx }
}

export function sameActor(
  a: { userId: number | null; label: string },
  b: { userId: number | null; label: string }
) {
  if (a.userId !== null || b.userId !== null) return a.userId === b.userId
  return a.label === b.label
}
