// Dark mode: the reader's choice (remembered) wins over the system's. Loaded in <head> so the
// page is painted in the right theme; the toggle is shown once the page is there (no
// JavaScript, no toggle: the system's choice still applies through CSS).
(function () {
  'use strict'
  var key = 'shellbook-theme'
  var root = document.documentElement
  function stored() { try { return localStorage.getItem(key) } catch (error) { return null } }
  function store(theme) { try { localStorage.setItem(key, theme) } catch (error) { /* private mode: not remembered */ } }
  function systemDark() { return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches }
  function current() { return root.dataset.theme || (systemDark() ? 'dark' : 'light') }
  var chosen = stored()
  if (chosen === 'dark' || chosen === 'light') root.dataset.theme = chosen

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.querySelector('button.theme-toggle')
    if (!button) return
    function show() { button.setAttribute('aria-pressed', current() === 'dark' ? 'true' : 'false') }
    button.hidden = false
    show()
    button.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark'
      root.dataset.theme = next
      store(next)
      show()
    })
  })
})()
