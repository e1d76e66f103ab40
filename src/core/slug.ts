import { foldText } from './text'

/** URL slug of a title, as WordPress, Hugo and Jekyll expect: ASCII, lowercase, hyphenated. */
export function slugify(title: string, maxLength = 80): string {
  const slug = foldText(title)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength)
  const lastHyphen = cut.lastIndexOf('-')
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '')
}

/** A slug typed by hand, cleaned the same way but keeping what the person chose. */
export function cleanSlug(input: string): string {
  return slugify(input.replace(/\//g, '-'), 200)
}
