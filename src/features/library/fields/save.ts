import { getDb } from '../../../db'
import { updateFields, type FieldsPatch } from '../../items/repository'

/** Saves edited fields of an item (the detail form's only write path). */
export function saveFields(id: string, patch: FieldsPatch): Promise<void> {
  return updateFields(getDb(), id, patch)
}
