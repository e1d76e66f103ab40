// An export problem as a sentence in the person's language.
import type { TFunction } from 'i18next'
import type { ExportProblem } from './errors'

export function describeExportProblem(t: TFunction, problem: ExportProblem): string {
  switch (problem.kind) {
    case 'io':
      return t(`export:problems.${problem.reason}`, { defaultValue: t('export:problems.other') })
    case 'refused':
      return t('export:problems.refused', { message: problem.message })
    case 'database':
      return t('export:problems.database', { message: problem.message })
  }
}
