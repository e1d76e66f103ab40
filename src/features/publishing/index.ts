// Publishing: accounts (Settings), publishing a post to WordPress, the ledger on the item, channel variants.
// Only light entry points here: the dialogs load on first use (PublishingDialogs).
export { PublishingSettings } from './PublishingSettings'
export { PublishingDialogs } from './PublishingDialogs'
export { PublishingMenuItems } from './PublishingMenuItems'
export { WhereItWent } from './WhereItWent'
export { openPublishDialog, openVariantsDialog } from './dialogStore'
