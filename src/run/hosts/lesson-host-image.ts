// The lesson-host image's name, apart from the sandbox code: the progress lines name it, and
// loading them must not load the run stage.
/**
 * The lesson-host image a sandbox runs: a Debian with Docker's engine (images/lesson-host/).
 * Within a tag the recipe hash decides when it is rebuilt; the tag itself moves when the host's
 * tools change (2: the tools Katacoda lessons assume), so an engine shared with an older
 * checkout keeps both instead of rebuilding one over the other, back and forth.
 * 3: vim, python3, nc, cal, info, gpg, iftop.
 */
export const LESSON_HOST_IMAGE = 'shellbook/lesson-host:3'
