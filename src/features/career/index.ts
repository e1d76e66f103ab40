// Career capital: affiliations over time, confidentiality labels, the item's choices. Other slices (the "changing
// employer" wizard, the portfolio, insights) read through these exports.
export {
  listAffiliations,
  getAffiliation,
  loadCareerContext,
  createAffiliation,
  updateAffiliation,
  deleteAffiliation,
  countItemsChoosing,
  validateAffiliation,
  storeLogo,
  getDefaultLabel,
  setDefaultLabel,
  setItemLabel,
  setItemAffiliation,
  setItemPortfolio,
  MAX_LOGO_BYTES,
  type AffiliationInput,
  type LogoInput,
  type LogoChange,
} from './repository'
export { AffiliationError, LogoError, type AffiliationProblem, type AffiliationField, type LogoErrorCode } from './errors'
export { useCareerContext, useCareerLoaded, useCareerResolver, useResolvedCareer, useAffiliation, useItemsChoosingCount } from './hooks'
export { EMPTY_CAREER_CONTEXT, primeCareerContext, subscribeCareer, careerSnapshot } from './store'
export { careerFactsOf, factsAsItem, type CareerFacts } from './facts'
// Components live in './components' (JSX): importing this file stays fine from Node code and tests.
export { formatIsoDay, formatIsoMonth } from './dates'
