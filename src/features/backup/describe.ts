// Failures and sizes in the person's language.
import type { TFunction } from 'i18next'
import type { BackupProblem } from './protocol'

export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)
  return `${number} ${language.startsWith('fr') ? units[unit]!.replace('B', 'o') : units[unit]}`
}

export function describeProblem(t: TFunction, problem: BackupProblem, language: string): string {
  switch (problem.source) {
    case 'archive': {
      const { info } = problem
      return t(`problems.archive.${problem.code}`, {
        entry: info.entry ?? '',
        table: info.table ?? '',
        recordId: info.recordId ?? '',
        found: info.found ?? '?',
        supported: info.supported ?? '?',
        limit: info.limit ?? '?',
        actual: info.actual ?? '?',
      })
    }
    case 'io':
      if (problem.code === 'too-large') {
        return t('problems.io.too-large', { limit: formatBytes(problem.limit ?? 0, language), actual: formatBytes(problem.actual ?? 0, language) })
      }
      return t(`problems.io.${problem.reason ?? 'other'}`, { defaultValue: t('problems.io.other') })
    case 'database':
      return t('problems.database', { message: problem.message })
    case 'worker':
      return t('problems.worker', { message: problem.message })
  }
}
