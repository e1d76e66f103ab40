// The public portfolio site generator: pure, shared by the app (src/features/portfolio), the tests and the bench.
export * from './types'
export { SITE_STRINGS, formatIsoDate, type SiteStrings } from './strings'
export { SITE_CSS } from './css'
export { FEED_PATHS, FEED_SIZE } from './feeds'
export { absoluteUrl, itemUrn, listPagePath, normalizeBaseUrl, relativeHref } from './paths'
export { buildPortfolio, buildPortfolioSite, PAGE_SIZES, portfolioImageIds, selectForPortfolio, SITE_CSP, type BuildOptions, type PortfolioBuild, type PortfolioSelection } from './build'
