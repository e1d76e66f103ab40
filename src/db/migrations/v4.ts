// Version 4: career capital. The person's affiliations over time (who they worked for, as what, when). Items gain
// optional `affiliationId`, `label` and `portfolio` fields (see ItemBase): absent means "follow the rules", so
// existing rows need no rewrite and no index (the wizard and insights resolve them in memory over the whole base).
// Never edit a migration after it lands: add a new file.
import type { Migration } from './types'

export const v4: Migration = {
  version: 4,
  stores: {
    // `start`: the timeline is shown and resolved in date order.
    affiliations: 'id, start',
  },
}
