// Copy buttons of terminal blocks: copy the command beside the button. No network, works
// from file:// (falls back to a hidden textarea where the Clipboard API is unavailable).
// Buttons are hidden in the HTML and shown here, so a page without JavaScript has none.
(function () {
  'use strict'
  var buttons = document.querySelectorAll('button.copy')
  for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false

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
