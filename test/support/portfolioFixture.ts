// A small knowledge base for the portfolio site's tests: posts (one with a PNG image), talks, links with
// commentary, notes, drafts, confidential items planted among them (by label and by their affiliation's
// default), and two affiliations. Also the fixture's real 1×1 PNG bytes.
import type { Affiliation, CareerContext } from '../../src/core/career'
import { docFromText, type RichDoc } from '../../src/core/doc'
import { newItem } from '../../src/core/itemFactory'
import type { Item, LinkItem, NoteItem, PostItem, TalkItem } from '../../src/core/items'
import type { PortfolioInput, PortfolioProfile, SiteImage } from '../../src/core/portfolio'

/** A valid 48×32 PNG (a warm gradient), small enough to inline. */
export const PNG_BYTES = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAPLklEQVR4nAXBi6rBAAAA0PthSimllIiIiIg81rCGNaxhDWtYwxrWsIY1LLTQQguJv7rn/H3dlo/b+nbbnm676XY83M6b22W4PVe37+wO6O7QyR05uGOaO7Fzp1R3RnEDa3dedkOSu7RwI6K7KrixqbvBuwnO3R65KdbdY9xM3z2k3RzlnnTcAumeE26p6V7hbgVzb2tuDXUfEbdedl9gtwG57wW3CbpfgPuTdf/+vl7Lx2t9e21Pr930Oh5e583rMryeq9d39gZ0b+jkjRy8Mc2b2HlTqjejeIG1Ny97IclbWngR0VsVvNjU2+C9BOdtj7wU6+0xXqbvHdJejvJOOl6B9M4Jr9T0rnCvgnm3Na+Geo+IVy97L7DXgLz3gtcEvS/A+8l6f39fv+Xjt779tqffbvodD7/z5ncZfs/V7zv7A7o/dPJHDv6Y5k/s/CnVn1H8wNqfl/2Q5C8t/Ijorwp+bOpv8H6C87dHfor19xg/0/cPaT9H+Scdv0D654RfavpXuF/B/NuaX0P9R8Svl/0X2G9A/nvBb4L+F+D/ZP2/v2/Q8gla30HbM2g3g45H0HkLuoyg5xr0nYMBPRg6BSOHYEwLJnbBlBrMKEFgHczLQUgKlhZBRAxWhSA2DTb4IMEF26MgxQZ7TJDpB4d0kKOCk05QIINzIig1gys8qGDBbS2oocEjEtTLwQscNKDgvRA0weALCH6ywd/fN2z5hK3vsO0ZtpthxyPsvIVdRthzDfvO4YAeDp3CkUM4poUTu3BKDWeUMLAO5+UwJIVLizAihqtCGJuGG3yY4MLtUZhiwz0mzPTDQzrMUeFJJyyQ4TkRlprhFR5WsPC2FtbQ8BEJ6+XwBQ4bUPheCJtg+AWEP9nw7+8btXyi1nfU9ozazajjEXXeoi4j6rlGfedoQI+GTtHIIRrTooldNKVGM0oUWEfzchSSoqVFFBGjVSGKTaMNPkpw0fYoSrHRHhNl+tEhHeWo6KQTFcjonIhKzegKjypYdFuLamj0iET1cvQCRw0oei9ETTD6AqKfbPT3941bPnHrO257xu1m3PGIO29xlxH3XOO+czygx0OneOQQj2nxxC6eUuMZJQ6s43k5Dknx0iKOiPGqEMem8QYfJ7h4exSn2HiPiTP9+JCOc1R80okLZHxOxKVmfIXHFSy+rcU1NH5E4no5foHjBhS/F+ImGH8B8U82/vv7Ji2fpPWdtD2TdjPpeCSdt6TLSHquSd85GdCToVMyckjGtGRil0ypyYySBNbJvJyEpGRpkUTEZFVIYtNkg08SXLI9SlJsssckmX5ySCc5KjnpJAUyOSeSUjO5wpMKltzWkhqaPCJJvZy8wEkDSt4LSRNMvoDkJ5v8/X3Tlk/a+k7bnmm7mXY80s5b2mWkPde075wO6OnQKR05pGNaOrFLp9R0RkkD63ReTkNSurRII2K6KqSxabrBpwku3R6lKTbdY9JMPz2k0xyVnnTSApmeE2mpmV7haQVLb2tpDU0fkbReTl/gtAGl74W0CaZfQPqTTf/+vjnLJ2d952zPnN3MOR455y3nMnKea853zgX0XOiUixxyMS2X2OVSai6j5IB1Li/nIClXWuQQMVcVctg01+BzBJdrj3IUm+sxOaafG9I5jspNOjmBzM2JnNTMrfCcguW2tZyG5o5ITi/nLnDOgHL3Qs4Ecy8g98nmfn9f0PIBrW/Q9gTtJuh4gM4b6DJAzxX0ncGADoZOYOQAxjQwsQNTKphRQGAN5mUQksDSAkREsCqA2BRs8CDBge0RSLFgjwGZPjikQY4CJx1QIME5AUpNcIWDCgZua6CGgkcE1MvgBQYNCLwXQBMEXwD4yYK/v2/R8ila30Xbs2g3i45H0Xkruoyi51r0nYsBvRg6FSOHYkwrJnbFlFrMKEVgXczLRUgqlhZFRCxWhSI2LTb4IsEV26MixRZ7TJHpF4d0kaOKk05RIItzoig1iyu8qGDFba2oocUjUtTLxQtcNKDivVA0weILKH6yxd/fF7Z8YOsbtj1huwk7HrDzBrsM2HOFfWc4oMOhExw5wDENTuzglApnFBhYw3kZhiS4tIAREa4KMDaFGzxMcHB7BFMs3GNgpg8PaZij4EkHFkh4TsBSE17hsILB2xqsofARgfUyfIFhA4LvBdgE4RcAf7Lw7+9bsXwq1nfF9qzYzYrjUXHeKi6j4rlWfOdKQK+ETpXIoRLTKoldJaVWMkoFWFfycgWSKqVFBRErVaGCTSsNvkJwlfaoQrGVHlNh+pUhXeGoyqRTEcjKnKhIzcoKryhYZVuraGjliFT0cuUCVwyoci9UTLDyAiqfbOX390UtH9T6Rm1P1G6ijgfqvKEuA/VcUd8ZDeho6IRGDmhMQxM7NKWiGQUF1mheRiEJLS1QRESrAopN0QaPEhzaHqEUi/YYlOmjQxrlKHTSQQUSnROo1ERXOKpg6LaGaih6RFC9jF5g1IDQewE1QfQFoJ8s+vv71i2fuvVdtz3rdrPueNSdt7rLqHuudd+5HtDroVM9cqjHtHpiV0+p9YxSB9b1vFyHpHppUUfEelWoY9N6g68TXL09qlNsvcfUmX59SNc5qj7p1AWyPifqUrO+wusKVt/W6hpaPyJ1vVy/wHUDqt8LdROsv4D6J1v//X1xywe3vnHbE7ebuOOBO2+4y8A9V9x3xgM6HjrhkQMe0/DEDk+peEbBgTWel3FIwksLHBHxqoBjU7zB4wSHt0c4xeI9Bmf6+JDGOQqfdHCBxOcELjXxFY4rGL6t4RqKHxFcL+MXGDcg/F7ATRB/Afgni//+vi3Lp2V9t2zPlt1sOR4t563lMlqea8t3bgX0VujUihxaMa2V2LVSaiujtIB1Ky+3IKlVWrQQsVUVWti01eBbBNdqj1oU2+oxLabfGtItjmpNOi2BbM2JltRsrfCWgrW2tZaGto5ISy+3LnDLgFr3QssEWy+g9cm2fn9f0vIhrW/S9iTtJul4kM4b6TJIz5X0ncmAToZOZORAxjQysSNTKplRSGBN5mUSksjSgkREsiqQ2JRs8CTBke0RSbFkjyGZPjmkSY4iJx1SIMk5QUpNcoWTCkZua6SGkkeE1MvkBSYNiLwXSBMkXwD5yZK/v2/X8ula313bs2s3u45H13nruoyu59r1nbsBvRs6dSOHbkzrJnbdlNrNKF1g3c3LXUjqlhZdROxWhS427Tb4LsF126MuxXZ7TJfpd4d0l6O6k05XILtzois1uyu8q2Ddba2rod0j0tXL3QvcNaDuvdA1we4L6H6y3d/fl7Z8aOubtj1pu0k7HrTzRrsM2nOlfWc6oNOhEx050DGNTuzolEpnFBpY03mZhiS6tKARka4KNDalGzxNcHR7RFMs3WNopk8PaZqj6EmHFkh6TtBSk17htILR2xqtofQRofUyfYFpA6LvBdoE6RdAf7L07+87sHwG1vfA9hzYzYHjMXDeBi5j4LkOfOdBQB+EToPIYRDTBondIKUOMsoAWA/y8gCSBqXFABEHVWGATQcNfkBwg/ZoQLGDHjNg+oMhPeCowaQzEMjBnBhIzcEKHyjYYFsbaOjgiAz08uACDwxocC8MTHDwAgaf7OD392UtH9b6Zm1P1m6yjgfrvLEug/VcWd+ZDehs6MRGDmxMYxM7NqWyGYUF1mxeZiGJLS1YRGSrAotN2QbPEhzbHrEUy/YYlumzQ5rlKHbSYQWSnROs1GRXOKtg7LbGaih7RFi9zF5g1oDYe4E1QfYFsJ8s+/v7ji2fsfU9tj3HdnPseIydt7HLGHuuY995HNDHodM4chjHtHFiN06p44wyBtbjvDyGpHFpMUbEcVUYY9Nxgx8T3Lg9GlPsuMeMmf54SI85ajzpjAVyPCfGUnO8wscKNt7Wxho6PiJjvTy+wGMDGt8LYxMcv4DxJzv+/X15y4e3vnnbk7ebvOPBO2+8y+A9V9535gM6HzrxkQMf0/jEjk+pfEbhgTWfl3lI4ksLHhH5qsBjU77B8wTHt0c8xfI9hmf6/JDmOYqfdHiB5OcELzX5Fc4rGL+t8RrKHxFeL/MXmDcg/l7gTZB/Afwny//+vjPLZ2Z9z2zPmd2cOR4z523mMmae68x3ngX0Weg0ixxmMW2W2M1S6iyjzID1LC/PIGlWWswQcVYVZth01uBnBDdrj2YUO+sxM6Y/G9IzjppNOjOBnM2JmdScrfCZgs22tZmGzo7ITC/PLvDMgGb3wswEZy9g9snOfn9f0fIRrW/R9hTtpuh4iM6b6DJEz1X0ncWALoZOYuQgxjQxsRNTqphRRGAt5mURksTSQkREsSqI2FRs8CLBie2RSLFijxGZvjikRY4SJx1RIMU5IUpNcYWLCiZua6KGikdE1MviBRYNSLwXRBMUX4D4yYq/v+/S8lla30vbc2k3l47H0nlbuoyl57r0nZcBfRk6LSOHZUxbJnbLlLrMKEtgvczLS0halhZLRFxWhSU2XTb4JcEt26MlxS57zJLpL4f0kqOWk85SIJdzYik1lyt8qWDLbW2pocsjstTLywu8NKDlvbA0weULWH6yy9/fV7Z8ZOtbtj1luyk7HrLzJrsM2XOVfWc5oMuhkxw5yDFNTuzklCpnFBlYy3lZhiS5tJARUa4KMjaVG7xMcHJ7JFOs3GNkpi8PaZmj5ElHFkh5TshSU17hsoLJ25qsofIRkfWyfIFlA5LvBdkE5Rcgf7Ly7++7sXw21vfG9tzYzY3jsXHeNi5j47lufOdNQN+ETpvIYRPTNondJqVuMsoGWG/y8gaSNqXFBhE3VWGDTTcNfkNwm/ZoQ7GbHrNh+pshveGozaSzEcjNnNhIzc0K3yjYZlvbaOjmiGz08uYCbwxocy9sTHDzAjaf7Ob391UtH9X6Vm1P1W6qjofqvKkuQ/VcVd9ZDehq6KRGDmpMUxM7NaWqGUUF1mpeViFJLS1URFSrgopN1QavEpzaHqkUq/YYlemrQ1rlKHXSUQVSnROq1FRXuKpg6ramaqh6RFS9rF5g1YDUe0E1QfUFqJ+s+vv77i2fvfW9tz33dnPveOydt73L2Huue995H9D3odM+ctjHtH1it0+p+4yyB9b7vLyHpH1psUfEfVXYY9N9g98T3L492lPsvsfsmf5+SO85aj/p7AVyPyf2UnO/wvcKtt/W9hq6PyJ7vby/wHsD2t8LexPcv4D9J7v//QOa+JyItA1jjwAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)

const DAY = 86_400_000
const T0 = Date.UTC(2024, 0, 15, 12)

export function docWithImage(text: string, attachmentId: string, alt: string): RichDoc {
  const doc = docFromText(text)
  doc.content = [...(doc.content ?? []), { type: 'image', attrs: { src: `attachment:${attachmentId}`, alt, title: null } }]
  return doc
}

export function post(id: string, title: string, fields: Partial<PostItem> = {}): PostItem {
  const item = newItem('post', id, T0) as PostItem
  return { ...item, title, status: 'published', body: docFromText(`${title}. Some text about it.`), bodyText: `${title}. Some text about it.`, ...fields }
}

export function talk(id: string, title: string, fields: Partial<TalkItem> = {}): TalkItem {
  const item = newItem('talk', id, T0) as TalkItem
  return { ...item, title, status: 'given', event: 'DevConf', date: '2024-05-02', place: 'Lyon, France', abstract: `About ${title}.`, ...fields }
}

export function link(id: string, title: string, fields: Partial<LinkItem> = {}): LinkItem {
  const item = newItem('link', id, T0) as LinkItem
  return { ...item, title, url: `https://example.com/${id}`, siteName: 'Example', description: 'A page worth reading.', read: true, fetchState: 'done', ...fields }
}

export function note(id: string, title: string): NoteItem {
  return { ...(newItem('note', id, T0) as NoteItem), title }
}

export const ACME: Affiliation = {
  id: 'aff-acme',
  organisation: 'Acme Consulting',
  role: 'Senior consultant',
  start: '2023-01-01',
  end: '2023-12-31',
  logoAttachmentId: null,
  // Everything written while at Acme is confidential unless labelled otherwise.
  defaultLabel: 'employer-confidential',
  createdAt: T0,
  updatedAt: T0,
}

export const GLOBEX: Affiliation = {
  id: 'aff-globex',
  organisation: 'Globex',
  role: 'Staff engineer',
  start: '2024-01-01',
  end: '',
  logoAttachmentId: 'logo-globex',
  defaultLabel: 'employer-public',
  createdAt: T0,
  updatedAt: T0,
}

export const CAREER: CareerContext = { affiliations: [ACME, GLOBEX], defaultLabel: 'personal' }

export const PROFILE: PortfolioProfile = {
  name: 'Camille Durand',
  headline: 'Engineer who writes about local-first software',
  bio: 'I build offline-first apps.\n\nI speak at conferences & meetups <sometimes>.',
  links: [
    { label: 'Mastodon', url: 'https://mastodon.example/@camille' },
    { label: 'Email', url: 'mailto:camille@example.com' },
    { label: 'Bad', url: 'javascript:alert(1)' },
  ],
  photoAttachmentId: 'photo',
  baseUrl: '',
  language: 'en',
  siteId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
}

/** Items that must never be in the site, whatever their portfolio choice says. */
export const CONFIDENTIAL_TITLES = ['Acme client roadmap', 'Acme by default', 'Secret talk']

export function fixtureItems(): Item[] {
  return [
    post('01HZZZZZZZZZZZZZZZZZZZZZ01', 'Offline first, <really>', {
      slug: 'offline-first',
      excerpt: 'Why "local" wins & how.',
      tags: ['local-first', 'sync'],
      body: docWithImage('Local data is fast.', 'img-1', 'A diagram'),
      bodyText: 'Local data is fast.',
      createdAt: T0 + 10 * DAY,
    }),
    // Same slug as the first: the site gives it another folder.
    post('01HZZZZZZZZZZZZZZZZZZZZZ02', 'Offline first again', { slug: 'offline-first', createdAt: T0 + 20 * DAY }),
    post('01HZZZZZZZZZZZZZZZZZZZZZ03', 'A draft', { status: 'draft' }),
    post('01HZZZZZZZZZZZZZZZZZZZZZ04', 'A draft I chose to show', { status: 'draft', portfolio: 'include', slug: 'con' }),
    post('01HZZZZZZZZZZZZZZZZZZZZZ05', 'Published but hidden', { portfolio: 'exclude' }),
    post('01HZZZZZZZZZZZZZZZZZZZZZ06', 'Acme client roadmap', { label: 'employer-confidential', portfolio: 'include' }),
    // Dated during Acme, no label of its own: confidential by the affiliation's default.
    post('01HZZZZZZZZZZZZZZZZZZZZZ07', 'Acme by default', { createdAt: Date.UTC(2023, 5, 1), portfolio: 'include' }),
    post('01HZZZZZZZZZZZZZZZZZZZZZ08', 'In the Trash', { trashed: 1, trashedAt: T0 }),
    talk('01HZZZZZZZZZZZZZZZZZZZZZ09', 'Sync without servers', { slidesUrl: 'https://slides.example/sync', videoUrl: 'https://video.example/v/1' }),
    talk('01HZZZZZZZZZZZZZZZZZZZZZ10', 'Proposed talk', { status: 'proposed' }),
    talk('01HZZZZZZZZZZZZZZZZZZZZZ11', 'Secret talk', { label: 'employer-confidential' }),
    link('01HZZZZZZZZZZZZZZZZZZZZZ12', 'Local-first software', {
      url: 'https://www.inkandswitch.com/local-first/',
      siteName: 'Ink & Switch',
      body: docFromText('The essay that started it all.'),
      bodyText: 'The essay that started it all.',
    }),
    link('01HZZZZZZZZZZZZZZZZZZZZZ13', 'CRDT primer'),
    note('01HZZZZZZZZZZZZZZZZZZZZZ14', 'Private note'),
  ]
}

export function fixtureImages(): Map<string, SiteImage> {
  return new Map([
    ['img-1', { mime: 'image/png', name: 'Diagram 1.png', data: PNG_BYTES }],
    ['photo', { mime: 'image/png', name: 'me.png', data: PNG_BYTES }],
    ['logo-globex', { mime: 'image/png', name: 'globex.png', data: PNG_BYTES }],
  ])
}

export function fixtureInput(overrides: Partial<PortfolioInput> = {}): PortfolioInput {
  return { profile: PROFILE, items: fixtureItems(), career: CAREER, images: fixtureImages(), now: Date.UTC(2026, 10, 28), ...overrides }
}
