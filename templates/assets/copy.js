// Copy buttons of terminal blocks: copy the command beside the button. No network, works
// from file:// (falls back to a hidden textarea where the Clipboard API is unavailable).
// Buttons are hidden in the HTML and shown here, so a page without JavaScript has none.
(function () {
  'use strict'
  var buttons = document.querySelectorAll('button.copy')
  for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false

  // A command wider than its block would push its button out of sight (a scroll away, on a
  // phone): such a button gets a line of its own above the command, held at the visible right
  // edge of the block while it scrolls, so it never covers text.
  function place() {
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i]
      var entry = button.closest('.entry')
      var screen = button.closest('.screen')
      if (!entry || !screen) continue
      entry.classList.remove('copy-above')
      button.style.left = ''
      var end = button.getBoundingClientRect().right - screen.getBoundingClientRect().left + screen.scrollLeft
      var room = screen.clientWidth - parseFloat(getComputedStyle(screen).paddingRight)
      if (end <= room) continue
      entry.classList.add('copy-above')
      button.style.left = Math.max(0, room - button.offsetWidth) + 'px'
    }
  }
  var pending = false
  window.addEventListener('resize', function () {
    if (pending) return
    pending = true
    requestAnimationFrame(function () { pending = false; place() })
  })
  place()
  window.addEventListener('load', place) // web fonts may change the widths

  function fallbackCopy(text) {
    var area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    var copied = false
    try { copied = document.execCommand('copy') } catch (error) { copied = false }
    document.body.removeChild(area)
    return copied
  }

  function confirm(button) {
    if (!button.dataset.label) button.dataset.label = button.textContent
    button.textContent = button.dataset.copied || button.dataset.label
    setTimeout(function () { button.textContent = button.dataset.label }, 1500)
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.copy') : null
    if (!button) return
    var code = button.parentElement && button.parentElement.querySelector('code.command')
    if (!code) return
    var text = code.textContent || ''
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { confirm(button) }, function () { if (fallbackCopy(text)) confirm(button) })
    } else if (fallbackCopy(text)) {
      confirm(button)
    }
  })
})()
