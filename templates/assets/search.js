// The search box in every page's header: Pagefind's index of the page's language, loaded on
// first use. Chinese and Japanese queries are cut into words first (Intl.Segmenter), as the
// index was. Needs http(s): browsers refuse modules from file://.
(function () {
  'use strict'
  var form = document.querySelector('form.search')
  if (!form || location.protocol === 'file:') return
  var input = form.querySelector('input')
  var list = form.querySelector('.search-results')
  var base = form.dataset.pagefind
  var lang = form.dataset.lang || document.documentElement.lang
  var loading = null
  var latest = 0
  form.hidden = false

  function load() {
    if (!loading) {
      loading = import(new URL(base + 'pagefind.js', location.href).href).then(function (pagefind) {
        // Result URLs are from the site's root: make them from where this site really is.
        return pagefind.options({ baseUrl: new URL(base + '../', location.href).pathname }).then(function () { return pagefind })
      })
    }
    return loading
  }

  function segmented(query) {
    if (!/^(zh|ja)\b/.test(lang) || typeof Intl === 'undefined' || !Intl.Segmenter) return query
    var words = []
    var segments = new Intl.Segmenter(lang, { granularity: 'word' }).segment(query)
    for (var part of segments) if (part.isWordLike) words.push(part.segment)
    return words.join(' ')
  }

  // Excerpts are text with <mark> around the hits: rebuilt from text nodes, nothing else kept.
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString('<p>' + html + '</p>', 'text/html')
    var out = document.createElement('p')
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === 'MARK') {
        var mark = document.createElement('mark')
        mark.textContent = node.textContent
        out.appendChild(mark)
      } else {
        out.appendChild(document.createTextNode(node.textContent || ''))
      }
    })
    return out
  }

  function show(results, query) {
    list.textContent = ''
    if (results.length === 0) {
      var none = document.createElement('li')
      none.className = 'search-none'
      none.textContent = form.dataset.noResults
      list.appendChild(none)
    }
    results.forEach(function (result) {
      var item = document.createElement('li')
      var link = document.createElement('a')
      link.href = result.url
      link.textContent = (result.meta && result.meta.title) || result.url
      item.appendChild(link)
      item.appendChild(excerptNodes(result.excerpt || ''))
      list.appendChild(item)
    })
    list.hidden = query === ''
  }

  function search() {
    var query = input.value.trim()
    var ticket = ++latest
    if (query === '') return show([], '')
    load().then(function (pagefind) {
      return pagefind.search(segmented(query))
    }).then(function (found) {
      return Promise.all(found.results.slice(0, 8).map(function (result) { return result.data() }))
    }).then(function (results) {
      if (ticket === latest) show(results, query)
    })
  }

  var timer = null
  input.addEventListener('input', function () {
    clearTimeout(timer)
    timer = setTimeout(search, 120)
  })
  input.addEventListener('focus', load, { once: true })
  form.addEventListener('submit', function (event) { event.preventDefault(); search() })
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { list.hidden = true; input.blur() }
  })
  document.addEventListener('click', function (event) {
    if (!form.contains(event.target)) list.hidden = true
  })
})()
