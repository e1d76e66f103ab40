// "Changing employer": review what may leave, save the personal archive of it and a record of what stayed.
export { ChangingEmployerDialog } from './ChangingEmployerDialog'
export { ChangingEmployerSettings } from './ChangingEmployerSettings'
export { WatchWordsEditor } from './WatchWordsEditor'
export { openChangingEmployer, closeChangingEmployer, useWizardState } from './store'
export { buildLeavingRecord } from './record'
export { readWatchWords, saveWatchWords, useWatchWords } from './repository'
