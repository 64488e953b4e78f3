// The script `shellbook dev` adds to every page it serves: it listens to the server's events
// and reloads the page when a build wrote it, or shows an overlay while a lesson executes
// and when a build failed (the messages, file:line first). Pages on disk never hold it.
export const liveClientPath = '/__shellbook/live.js'
export const eventsPath = '/__shellbook/events'

export const liveClient = `(function () {
  'use strict'
  var overlay = null
  function show(kind, text) {
    if (!overlay) {
      overlay = document.createElement('div')
      overlay.setAttribute('role', 'status')
      overlay.style.cssText = 'position:fixed;inset:auto 1rem 1rem 1rem;z-index:99;max-height:60vh;overflow:auto;padding:.75rem 1rem;border-radius:8px;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 24px rgba(0,0,0,.35)'
      document.body.appendChild(overlay)
    }
    overlay.dataset.kind = kind
    overlay.style.background = kind === 'error' ? '#3b1219' : '#0d2a4a'
    overlay.style.color = kind === 'error' ? '#ffd7d5' : '#d6e9ff'
    overlay.textContent = text
  }
  function hide() { if (overlay) { overlay.remove(); overlay = null } }
  var events = new EventSource(${JSON.stringify(eventsPath)})
  // Said on the page, so a person (or a test) can tell live reload is connected.
  events.addEventListener('open', function () { document.documentElement.dataset.live = 'open' })
  events.addEventListener('pages-written', function () { location.reload() })
  events.addEventListener('building', function (event) { show('building', event.data) })
  events.addEventListener('failed', function (event) { show('error', event.data) })
  events.addEventListener('ok', hide)
})()
`
