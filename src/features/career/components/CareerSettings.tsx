// Settings › Career: the default label, the affiliations newest first (logo, role, dates, default label) with
// add / edit / delete, and the same periods drawn as a timeline.
import { Pencil, Plus, Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Affiliation, ContentLabel } from '../../../core/career'
import { getDb } from '../../../db'
import { Dialog } from '../../../app/ui/Dialog'
import { formatIsoDay } from '../dates'
import { useCareerContext, useCareerLoaded, useItemsChoosingCount } from '../hooks'
import { deleteAffiliation, setDefaultLabel } from '../repository'
import { AffiliationChart } from './AffiliationChart'
import { AffiliationDialog } from './AffiliationDialog'
import { AffiliationLogo } from './AffiliationLogo'
import { LabelOptions } from './LabelOptions'
import '../career.css'

type Editing = { affiliation: Affiliation | null } | null

export function CareerSettings() {
  const { t } = useTranslation('career')
  const context = useCareerContext()
  const loaded = useCareerLoaded()
  const defaultId = useId()
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<Affiliation | null>(null)

  return (
    <section className="settings-section" aria-labelledby="career-settings-title">
      <h3 className="settings-label" id="career-settings-title">
        {t('settings.title')}
      </h3>
      <p className="settings-text hint">{t('settings.explanation')}</p>
      <div className="career-settings-row">
        <label htmlFor={defaultId}>{t('settings.defaultLabel')}</label>
        <select
          id={defaultId}
          className="select"
          value={context.defaultLabel}
          onChange={(e) => void setDefaultLabel(getDb(), e.target.value as ContentLabel)}
        >
          <LabelOptions />
        </select>
      </div>
      <div className="career-settings-row">
        <h4 className="settings-label" id="career-timeline-title" style={{ flex: 1 }}>
          {t('settings.timeline')}
        </h4>
        <button type="button" className="btn" onClick={() => setEditing({ affiliation: null })}>
          <Plus size={14} aria-hidden />
          {t('settings.add')}
        </button>
      </div>
      {!loaded ? (
        <p className="hint" aria-busy="true">
          {t('settings.loading')}
        </p>
      ) : context.affiliations.length === 0 ? (
        <p className="hint">{t('settings.empty')}</p>
      ) : (
        <>
          <AffiliationChart affiliations={context.affiliations} />
          <ul className="career-settings-list" aria-labelledby="career-timeline-title">
            {context.affiliations.map((affiliation) => (
              <AffiliationRow key={affiliation.id} affiliation={affiliation} onEdit={() => setEditing({ affiliation })} onDelete={() => setDeleting(affiliation)} />
            ))}
          </ul>
        </>
      )}
      <AffiliationDialog
        open={editing !== null}
        affiliation={editing?.affiliation ?? null}
        initialLabel={context.defaultLabel}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <DeleteAffiliationDialog affiliation={deleting} onClose={() => setDeleting(null)} />
    </section>
  )
}

function AffiliationRow({ affiliation, onEdit, onDelete }: { affiliation: Affiliation; onEdit(): void; onDelete(): void }) {
  const { t, i18n } = useTranslation('career')
  const period = t('settings.period', {
    start: formatIsoDay(affiliation.start, i18n.language),
    end: affiliation.end ? formatIsoDay(affiliation.end, i18n.language) : t('settings.present'),
  })
  return (
    <li className="career-affiliation">
      <AffiliationLogo attachmentId={affiliation.logoAttachmentId} organisation={affiliation.organisation} alt={t('dialog.logoPreview', { organisation: affiliation.organisation })} />
      <div className="career-affiliation-text">
        <span className="career-affiliation-name">{affiliation.organisation}</span>
        <span className="hint">{[affiliation.role, period].filter(Boolean).join(' · ')}</span>
        <span className="hint">{t('settings.defaultLabelOf', { label: t(`labels.${affiliation.defaultLabel}`) })}</span>
      </div>
      <div className="career-affiliation-actions">
        <button type="button" className="btn btn-ghost btn-icon" aria-label={t('settings.editNamed', { organisation: affiliation.organisation })} title={t('settings.edit')} onClick={onEdit}>
          <Pencil size={14} aria-hidden />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-label={t('settings.deleteNamed', { organisation: affiliation.organisation })}
          title={t('settings.delete')}
          onClick={onDelete}
        >
          <Trash2 size={14} aria-hidden />
        </button>
      </div>
    </li>
  )
}

/** "Delete Acme?", saying how many items chose it by hand (they will have no affiliation). */
function DeleteAffiliationDialog({ affiliation, onClose }: { affiliation: Affiliation | null; onClose(): void }) {
  const { t } = useTranslation('career')
  const count = useItemsChoosingCount(affiliation?.id ?? null)
  const message = count === undefined ? t('confirmDelete.counting') : count === 0 ? t('confirmDelete.message') : t('confirmDelete.messageChosen', { count })
  return (
    <Dialog
      open={affiliation !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t('confirmDelete.title', { organisation: affiliation?.organisation ?? '' })}
      description={message}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            {t('common:cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger btn-solid"
            disabled={count === undefined}
            onClick={async () => {
              const target = affiliation
              onClose()
              if (target) await deleteAffiliation(getDb(), target.id)
            }}
          >
            {t('confirmDelete.confirm')}
          </button>
        </>
      }
    >
      {null}
    </Dialog>
  )
}
