// The rich editor with autosave and offline images, embedded by the library's detail pane.
export { ItemEditor, type ItemEditorProps } from './ItemEditor'
export { flushAllPendingSaves, registerFlushHandler, useCloseFlush, type SaveStatus } from './autosave'
export { prebuildEditor } from './sharedEditor'
export { EditorWarmUp } from './EditorWarmUp'
