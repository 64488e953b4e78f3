// The one error a lesson's image can end in: it could not be made available on the engine.

/** Why an image is missing. */
export type MissingImageReason =
  /** Not on the engine, not pullable, and no `images/<repo>/` recipe. */
  | 'no-recipe'
  /** The name is not an image reference docker accepts, or a digest a stand-in cannot carry. */
  | 'bad-name'
  /** The recipe's `image.json` is invalid, or its `from` chain is broken. */
  | 'bad-recipe'
  /** The recipe's build.sh, tar or `docker import` failed. */
  | 'build-failed'
  /** The engine failed while inspecting or tagging the image. */
  | 'engine-failed'

/** An image a lesson names could not be made available. `message` is phrased for the user. */
export class MissingImageError extends Error {
  override name = 'MissingImageError'
  /** The image as the lesson wrote it: `redis:alpine`. */
  readonly image: string
  readonly reason: MissingImageReason
  /** What the failing tool said (stderr tail), when there was one. */
  readonly detail: string

  constructor(image: string, reason: MissingImageReason, message: string, detail = '') {
    super(detail === '' ? message : `${message} (${detail})`)
    this.image = image
    this.reason = reason
    this.detail = detail
  }
}
