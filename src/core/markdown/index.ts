// Open-format export and Markdown import: pure functions, usable in a worker and in Node.
export { canonicalDoc } from './canonical'
export { docToMarkdown, type MarkdownExportOptions } from './serialize'
export { markdownToDoc, type MarkdownImportOptions } from './parse'
export type { WikilinkResolver } from './wikilinks'
export {
  itemFrontMatter,
  itemToMarkdownFile,
  markdownFileToItemFields,
  parseDateValue,
  splitFrontMatter,
  stringifyFrontMatter,
  type FrontMatterFields,
  type ItemCareerFrontMatter,
  type ItemFrontMatter,
  type MarkdownFileFields,
  type MarkdownFileImportOptions,
} from './frontMatter'
export {
  DEFAULT_HTML_LABELS,
  itemToHtmlDocument,
  type HtmlExportOptions,
  type HtmlLabels,
} from './html'
