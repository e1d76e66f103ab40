// Publishing: accounts (Settings), publishing a post to WordPress, the ledger on the item, channel variants.
export { PublishingSettings } from './PublishingSettings'
