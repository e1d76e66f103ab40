// Why an affiliation or a logo was refused, as codes the UI turns into sentences in the person's language.

export type AffiliationField = 'organisation' | 'start' | 'end' | 'defaultLabel'
export type AffiliationProblemCode = 'required' | 'invalid-date' | 'end-before-start' | 'invalid-label'

export interface AffiliationProblem {
  field: AffiliationField
  code: AffiliationProblemCode
}

export type LogoErrorCode = 'not-image' | 'too-large' | 'empty' | 'storage-full' | 'failed'

export class AffiliationError extends Error {
  readonly problems: readonly AffiliationProblem[]

  constructor(problems: readonly AffiliationProblem[]) {
    super(`Affiliation refused: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`)
    this.name = 'AffiliationError'
    this.problems = problems
  }
}

export class LogoError extends Error {
  readonly code: LogoErrorCode

  constructor(code: LogoErrorCode, options?: { cause?: unknown }) {
    super(`Logo not stored: ${code}`, options)
    this.name = 'LogoError'
    this.code = code
  }
}
