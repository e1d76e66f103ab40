// Why an export stopped. Kept apart from the builders so the dialog and menus can tell failures apart
// without loading the Markdown code (it is fetched only when an export starts).

export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.')
    this.name = 'ExportCancelled'
  }
}

/** Why an export failed, for a message in the person's language (see describeExportProblem). */
export type ExportProblem =
  | { kind: 'io'; reason: string }
  | { kind: 'refused'; message: string }
  | { kind: 'database'; message: string }

export class ExportFailure extends Error {
  readonly problem: ExportProblem
  constructor(problem: ExportProblem) {
    super(problem.kind === 'io' ? `Disk refused the export (${problem.reason})` : problem.message)
    this.name = 'ExportFailure'
    this.problem = problem
  }
}
