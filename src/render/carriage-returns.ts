// Progress lines (`apt-get`, `docker pull`) redraw themselves with a bare `\r`. A terminal
// shows only what is left on the line once the redrawing is done; so do the pages.

/** Apply bare carriage returns the way a terminal does: later text overwrites the line from column 1. */
export function settleCarriageReturns(output: string): string {
  return output.split('\n').map(settleLine).join('\n')
}

function settleLine(line: string): string {
  if (!line.includes('\r')) return line
  const segments = line.split('\r').filter((segment) => segment !== '')
  // With escape sequences, raw lengths are not screen columns: keep the last redraw whole.
  if (line.includes('\u001b')) return segments.at(-1) ?? ''
  return segments.reduce((shown, segment) => segment + shown.slice(segment.length), '')
}
