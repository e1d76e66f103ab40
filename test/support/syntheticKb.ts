// A deterministic synthetic knowledge base for benchmarks and scale tests: posts, talks, links and notes
// of about 2 KB each, with tags, in a mix of French and English drawn from a Zipf-like vocabulary.
import type { RichDoc, RichNode } from '../../src/core/doc'
import { docToPlainText } from '../../src/core/doc'
import { newItem } from '../../src/core/itemFactory'
import { POST_STATUSES, TALK_STATUSES, type Item, type ItemKind } from '../../src/core/items'
import { slugify } from '../../src/core/slug'

const FRENCH =
  `économie attention écriture réseau données logiciel conférence développement équipe qualité sécurité déploiement
  architecture performance accessibilité publication lecture curiosité société numérique liberté propriété travail
  employeur carrière communauté contribution expérience apprentissage méthode outil système interface utilisateur
  recherche mémoire hors-ligne synchronisation stockage archive sauvegarde migration version projet produit client
  stratégie marché croissance innovation transformation organisation management leadership réunion décision
  être avoir faire dire pouvoir aller voir savoir vouloir venir devoir prendre trouver donner falloir parler mettre
  aussi très bien plus moins encore toujours jamais déjà souvent parfois ensemble pourtant cependant néanmoins
  le la les un une des du de et ou mais donc car ni que qui quoi dont où pour par avec sans sous sur dans entre
  café thé été hiver printemps automne matin soir semaine année siècle ville pays Europe France Paris Lyon Nantes
  rédaction brouillon relecture chapitre paragraphe phrase mot idée thèse argument exemple preuve conclusion`.split(/\s+/)

const ENGLISH =
  `the of and to a in is it you that he was for on are with as I his they be at one have this from or had by
  software engineering design system data network security privacy offline local first sync storage database index
  search query performance latency throughput scale cache memory thread worker process browser editor writing draft
  publish blog post talk conference speaker slides video audience community open source contribution career
  employer portfolio reputation influence network learning teaching mentoring leadership strategy product market
  growth team culture remote meeting decision review feedback quality testing deployment release version migration
  archive backup export import markdown format standard protocol interface user experience accessibility keyboard
  shortcut command palette calendar schedule reminder ledger channel thread mastodon bluesky linkedin wordpress
  reading list bookmark article essay newsletter podcast interview workshop keynote panel meetup summit
  because however therefore although while until unless whether simply really quite rather almost always never`.split(/\s+/)

const TAGS = [
  'écriture', 'talks', 'local-first', 'privacy', 'javascript', 'typescript', 'rust', 'design', 'carrière', 'leadership',
  'open-source', 'performance', 'accessibilité', 'security', 'databases', 'électron', 'react', 'career', 'reading',
  'product', 'management', 'devrel', 'conférences', 'meetup', 'architecture', 'testing', 'css', 'ux', 'ia', 'data',
]

/** Mulberry32: small, fast, seedable; the same seed gives the same knowledge base on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function zipfPicker(words: readonly string[], random: () => number): () => string {
  // Weights 1/rank: a few words are very common, most are rare, as in real prose.
  const cumulative: number[] = []
  let total = 0
  words.forEach((_, i) => {
    total += 1 / (i + 1)
    cumulative.push(total)
  })
  return () => {
    const x = random() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return words[lo]!
  }
}

export interface SyntheticOptions {
  count: number
  seed?: number
  /** Average body size in characters. */
  bodyChars?: number
  now?: number
}

function sentence(pick: () => string, random: () => number): string {
  const n = 6 + Math.floor(random() * 14)
  const words = Array.from({ length: n }, pick)
  const s = words.join(' ')
  return s.charAt(0).toUpperCase() + s.slice(1) + (random() < 0.1 ? ' ?' : '.')
}

function paragraph(pick: () => string, random: () => number, chars: number): RichNode {
  const parts: string[] = []
  let length = 0
  while (length < chars) {
    const s = sentence(pick, random)
    parts.push(s)
    length += s.length + 1
  }
  return { type: 'paragraph', content: [{ type: 'text', text: parts.join(' ') }] }
}

/** A document of about `chars` characters: a heading, paragraphs, sometimes a list. */
export function syntheticDoc(random: () => number, chars: number, french: boolean): RichDoc {
  const pick = zipfPicker(french ? FRENCH : ENGLISH, random)
  const content: RichNode[] = [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: sentence(pick, random) }] }]
  let length = 0
  while (length < chars) {
    if (random() < 0.15) {
      content.push({
        type: 'bulletList',
        content: Array.from({ length: 3 }, () => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(pick, random) }] }] })),
      })
      length += 150
    } else {
      const size = 200 + Math.floor(random() * 300)
      content.push(paragraph(pick, random, size))
      length += size
    }
  }
  return { type: 'doc', content }
}

/** Items with ULID-like ids that sort by creation, spread over the last three years. */
export function syntheticItems({ count, seed = 42, bodyChars = 2000, now = Date.UTC(2026, 10, 1) }: SyntheticOptions): Item[] {
  const random = rng(seed)
  const kinds: ItemKind[] = ['post', 'post', 'talk', 'link', 'link', 'link', 'note', 'note']
  const items: Item[] = []
  const span = 3 * 365 * 24 * 3600 * 1000
  for (let i = 0; i < count; i++) {
    const kind = kinds[Math.floor(random() * kinds.length)]!
    const french = random() < 0.5
    const pick = zipfPicker(french ? FRENCH : ENGLISH, random)
    const createdAt = now - Math.floor(random() * span)
    const updatedAt = Math.min(now, createdAt + Math.floor(random() * 30 * 24 * 3600 * 1000))
    const id = `${createdAt.toString(36).padStart(10, '0').toUpperCase()}${i.toString(36).padStart(16, '0').toUpperCase()}`
    const item = newItem(kind, id, createdAt)
    const titleWords = Array.from({ length: 3 + Math.floor(random() * 6) }, pick).join(' ')
    const body = syntheticDoc(random, bodyChars * (0.5 + random()), french)
    const tags = Array.from(new Set(Array.from({ length: Math.floor(random() * 4) }, () => TAGS[Math.floor(random() * TAGS.length)]!)))
    Object.assign(item, {
      title: titleWords.charAt(0).toUpperCase() + titleWords.slice(1),
      body,
      bodyText: docToPlainText(body),
      tags,
      createdAt,
      updatedAt,
    })
    if (item.kind === 'post') Object.assign(item, { status: POST_STATUSES[Math.floor(random() * 4)], slug: slugify(item.title), excerpt: sentence(pick, random) })
    if (item.kind === 'talk') {
      Object.assign(item, {
        status: TALK_STATUSES[Math.floor(random() * 5)],
        event: `${pick()} ${french ? 'Conf' : 'Summit'} ${2024 + Math.floor(random() * 3)}`,
        date: new Date(createdAt).toISOString().slice(0, 10),
        place: french ? 'Lyon' : 'Berlin',
        abstract: sentence(pick, random) + ' ' + sentence(pick, random),
      })
    }
    if (item.kind === 'link') {
      Object.assign(item, {
        url: `https://${pick().toLowerCase().replace(/[^a-z]/g, '') || 'site'}${i}.example.org/${slugify(item.title)}`,
        siteName: `${pick()} Weekly`,
        description: sentence(pick, random),
        read: random() < 0.5,
        fetchState: 'done',
        savedAt: createdAt,
      })
    }
    items.push(item)
  }
  return items
}

/** A single large document (for the 200 KB editor and open-item measures). */
export function largeDoc(chars: number, seed = 7): RichDoc {
  return syntheticDoc(rng(seed), chars, true)
}
