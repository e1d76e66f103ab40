// The site's own words (navigation, headings, dates) in English and French. The site carries its own small
// dictionary rather than taking i18next's: its language is the person's choice for their readers, not the app's
// interface language (a French-speaking person may publish in English), and the builder runs in Node tests, the
// bench and a worker, where the app's i18next is not set up.
import type { SiteLanguage } from './types'

export interface SiteStrings {
  skip: string
  siteNav: string
  home: string
  posts: string
  talks: string
  reading: string
  timeline: string
  latestPosts: string
  recentTalks: string
  recentReading: string
  allPosts: string
  allTalks: string
  allReading: string
  elsewhere: string
  photoOf: (name: string) => string
  readingMinutes: (n: number) => string
  published: string
  tags: string
  originallyAt: string
  backToPosts: string
  event: string
  date: string
  place: string
  slides: string
  video: string
  talksIntro: string
  readingIntro: string
  timelineIntro: string
  present: string
  pagination: string
  previous: string
  next: string
  pageOf: (n: number, total: number) => string
  pageN: (n: number) => string
  contributions: (counts: { posts: number; talks: number; links: number }) => string
  feeds: string
  madeWith: string
  untitled: string
  empty: string
  taskDone: string
  taskTodo: string
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

const EN: SiteStrings = {
  skip: 'Skip to content',
  siteNav: 'Site',
  home: 'Home',
  posts: 'Writing',
  talks: 'Talks',
  reading: 'Reading list',
  timeline: 'Timeline',
  latestPosts: 'Latest writing',
  recentTalks: 'Recent talks',
  recentReading: 'Recently read',
  allPosts: 'All writing',
  allTalks: 'All talks',
  allReading: 'The whole reading list',
  elsewhere: 'Elsewhere',
  photoOf: (name) => `Photo of ${name}`,
  readingMinutes: (n) => `${n} min read`,
  published: 'Published',
  tags: 'Tags',
  originallyAt: 'Originally published at',
  backToPosts: 'All writing',
  event: 'Event',
  date: 'Date',
  place: 'Place',
  slides: 'Slides',
  video: 'Video',
  talksIntro: 'Conferences, meetups and workshops where I spoke.',
  readingIntro: 'Articles and pages worth reading, with my notes.',
  timelineIntro: 'Where I have worked, and what I did there.',
  present: 'present',
  pagination: 'Pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: (n, total) => `Page ${n} of ${total}`,
  pageN: (n) => `Page ${n}`,
  contributions: ({ posts, talks, links }) =>
    [posts ? plural(posts, 'post', 'posts') : '', talks ? plural(talks, 'talk', 'talks') : '', links ? plural(links, 'link', 'links') : '']
      .filter(Boolean)
      .join(', '),
  feeds: 'Feeds',
  madeWith: 'Made with Baluchon',
  untitled: 'Untitled',
  empty: 'Nothing here yet.',
  taskDone: 'Done',
  taskTodo: 'To do',
}

const FR: SiteStrings = {
  skip: 'Aller au contenu',
  siteNav: 'Site',
  home: 'Accueil',
  posts: 'Articles',
  talks: 'Conférences',
  reading: 'Lectures',
  timeline: 'Parcours',
  latestPosts: 'Derniers articles',
  recentTalks: 'Conférences récentes',
  recentReading: 'Lu récemment',
  allPosts: 'Tous les articles',
  allTalks: 'Toutes les conférences',
  allReading: 'Toutes les lectures',
  elsewhere: 'Ailleurs',
  photoOf: (name) => `Photo de ${name}`,
  readingMinutes: (n) => `${n} min de lecture`,
  published: 'Publié le',
  tags: 'Étiquettes',
  originallyAt: 'Publié à l’origine sur',
  backToPosts: 'Tous les articles',
  event: 'Événement',
  date: 'Date',
  place: 'Lieu',
  slides: 'Diapositives',
  video: 'Vidéo',
  talksIntro: 'Conférences, meetups et ateliers où j’ai pris la parole.',
  readingIntro: 'Des articles et des pages qui valent la lecture, avec mes notes.',
  timelineIntro: 'Là où j’ai travaillé, et ce que j’y ai fait.',
  present: 'aujourd’hui',
  pagination: 'Pages',
  previous: 'Précédente',
  next: 'Suivante',
  pageOf: (n, total) => `Page ${n} sur ${total}`,
  pageN: (n) => `Page ${n}`,
  contributions: ({ posts, talks, links }) =>
    [posts ? plural(posts, 'article', 'articles') : '', talks ? plural(talks, 'conférence', 'conférences') : '', links ? plural(links, 'lien', 'liens') : '']
      .filter(Boolean)
      .join(', '),
  feeds: 'Flux',
  madeWith: 'Fait avec Baluchon',
  untitled: 'Sans titre',
  empty: 'Rien pour l’instant.',
  taskDone: 'Fait',
  taskTodo: 'À faire',
}

export const SITE_STRINGS: Record<SiteLanguage, SiteStrings> = { en: EN, fr: FR }

const formatters = new Map<SiteLanguage, Intl.DateTimeFormat>()

/** `2026-11-28` as "28 November 2026" / "28 novembre 2026" (the calendar day as written, no time zone shift). */
export function formatIsoDate(date: string, language: SiteLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  let format = formatters.get(language)
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
    formatters.set(language, format)
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))))
}
