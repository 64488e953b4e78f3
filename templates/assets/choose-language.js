// The root page sends a reader who arrives from elsewhere to the first of their browser's
// languages the site has; from inside the site (a "All languages" link) it stays a list.
(function () {
  'use strict'
  if (document.referrer && new URL(document.referrer, location.href).origin === location.origin) return
  var links = document.querySelectorAll('ul.languages a[hreflang]')
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']
  for (var i = 0; i < wanted.length; i++) {
    var tag = String(wanted[i]).toLowerCase()
    for (var j = 0; j < links.length; j++) {
      var lang = links[j].getAttribute('hreflang').toLowerCase()
      if (tag === lang || tag.split('-')[0] === lang) {
        location.replace(links[j].href)
        return
      }
    }
  }
})()
