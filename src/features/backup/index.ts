// Backups: the whole base as one `.baluchon` archive (docs/archive-format.md), restored by a dry-run merge.
export { BackupDialog } from './BackupDialog'
export { BackupSettings } from './BackupSettings'
export { startExport, startRestore } from './store'
export { planRestore, type RestorePlan, type PlanEntry, type Outcome, type PlanKind } from './plan'
export { applyPlan, readCurrent } from './apply'
