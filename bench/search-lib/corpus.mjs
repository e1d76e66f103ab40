// Synthetic knowledge base for the search benchmarks: French + English prose with accents, word
// frequencies following Zipf's law (a few words everywhere, most words rare), ~2 KB bodies.
// Deterministic (seeded PRNG) so runs compare like with like.

/** mulberry32: tiny seeded PRNG, good enough to shuffle words. */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Real high-frequency words head the ranking, as in real text; invented words fill the long tail.
const COMMON = `le la les de des du un une et en à au aux que qui dans pour sur par pas plus ne se ce il elle on nous vous ils
est sont été être avoir fait faire comme mais ou où donc très aussi bien tout tous cette ces leur leurs son sa ses notre
the of and to in is that for it as was with be by on not this are or from at which but have an they you were
économie société développement système données réseau sécurité équipe qualité problème expérience référence
déploiement télémétrie caractère cœur français ça déjà après même être façon où là voilà général intérêt
architecture performance database interface function component release feature migration testing rendering
conférence présentation événement thèse médecine ingénierie stratégie créativité écologie éducation`.split(/\s+/)

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'j', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'ch', 'tr', 'pr', 'gr', 'cl', 'st', 'br', 'fl', 'th', 'qu']
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'é', 'è', 'ê', 'à', 'ô', 'ou', 'ai', 'ea', 'io', 'eu', 'î', 'û', 'oi']
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'x', 'ng', 'ct', 'rt', 'nt', 'ç']

function inventWord(next) {
  const syllables = 1 + Math.floor(next() * 3.2)
  let w = ''
  for (let i = 0; i < syllables; i++) {
    w += ONSETS[Math.floor(next() * ONSETS.length)] + VOWELS[Math.floor(next() * VOWELS.length)]
    if (i === syllables - 1 || next() < 0.3) w += CODAS[Math.floor(next() * CODAS.length)]
  }
  return w.replace(/ç$/, 'ce')
}

/** A vocabulary of `size` distinct words, most frequent first. */
export function vocabulary(size = 40_000, seed = 7) {
  const next = rng(seed)
  const seen = new Set(COMMON)
  const words = [...COMMON]
  while (words.length < size) {
    const w = inventWord(next)
    if (w.length >= 2 && !seen.has(w)) {
      seen.add(w)
      words.push(w)
    }
  }
  return words
}

/** Sampler drawing ranks with P(rank r) ∝ 1/r^s (Zipf), by binary search in the cumulative table. */
export function zipfSampler(n, next, s = 1.07) {
  const cumulative = new Float64Array(n)
  let total = 0
  for (let r = 0; r < n; r++) {
    total += 1 / Math.pow(r + 1, s)
    cumulative[r] = total
  }
  return () => {
    const x = next() * total
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const KINDS = ['post', 'talk', 'link', 'note']

/** `count` items shaped like Baluchon's search documents. */
export function corpus(count, { seed = 42, bodyBytes = 2000 } = {}) {
  const words = vocabulary()
  const next = rng(seed)
  const rank = zipfSampler(words.length, next)
  const word = () => words[rank()]
  const tagPool = words.slice(150, 450)
  const docs = []
  for (let i = 0; i < count; i++) {
    const titleLength = 3 + Math.floor(next() * 7)
    const title = Array.from({ length: titleLength }, word).join(' ')
    let body = ''
    while (body.length < bodyBytes) {
      const sentence = Array.from({ length: 6 + Math.floor(next() * 14) }, word).join(' ')
      body += sentence[0].toUpperCase() + sentence.slice(1) + '. '
    }
    const tags = Array.from({ length: Math.floor(next() * 4) }, () => tagPool[Math.floor(next() * tagPool.length)])
    const kind = KINDS[i % 4]
    docs.push({ id: `item${String(i).padStart(6, '0')}`, kind, title: title[0].toUpperCase() + title.slice(1), tags, body, extra: kind === 'link' ? `https://example.org/${word()}/${word()}` : '' })
  }
  return { docs, words }
}
