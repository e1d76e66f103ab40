// The career slice's components (the marks, the item's fields, Settings › Career).
export { ConfidentialMark, MarkIfConfidential, useConfidential } from './ConfidentialMark'
export { CareerFields } from './CareerFields'
export { CareerSettings } from './CareerSettings'
export { AffiliationLogo } from './AffiliationLogo'
export { AffiliationChart } from './AffiliationChart'
