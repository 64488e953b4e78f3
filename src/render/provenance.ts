// Where and when a lesson's output was captured, as localized sentences for the page
// and the Markdown.
import type { Provenance } from '../captures/index.js'
import type { Translate } from './types.js'

export interface ProvenanceView {
  /** "Output captured on … on Docker …, Linux kernel …, host: …" */
  summary: string
  images: Array<{ name: string; id: string; standIn?: string }>
}

export function provenanceView(provenance: Provenance, locale: string, t: Translate): ProvenanceView {
  return {
    summary: t('provenance.capturedOn', {
      date: formatDate(provenance.startedAt, locale),
      engine: provenance.engineVersion,
      kernel: provenance.kernel,
      os: provenance.os,
      host: t(`provenance.host.${provenance.hostKind}`),
    }),
    images: provenance.images.map((image) => ({
      name: image.name,
      id: shortId(image.id),
      ...(image.standIn ? { standIn: t('image.standIn') } : {}),
    })),
  }
}

/** `sha256:0123456789abcdef…` → `0123456789ab`, as `docker images` shows it. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12)
}

/** A long date in the page's language, in UTC so rebuilding anywhere gives the same page. */
function formatDate(iso: string, locale: string): string {
  const key = `${locale} ${iso}`
  let text = formattedDates.get(key)
  if (text === undefined) {
    const date = new Date(iso)
    text = Number.isNaN(date.getTime()) ? iso : dateFormat(locale).format(date)
    formattedDates.set(key, text)
  }
  return text
}

// Each page shows its date twice (page, Markdown) and a site's lessons share a few capture runs.
const formattedDates = new Map<string, string>()

// A formatter is costly to make (about a third of a millisecond) and the same for every page of a locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })
    dateFormats.set(locale, format)
  }
  return format
}
