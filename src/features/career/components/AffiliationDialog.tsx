// Adding or editing an affiliation: organisation, role, dates, default label and an optional logo (picked or pasted,
// checked by its bytes). A refusal keeps everything typed and says what to fix, next to the field.
import { useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Affiliation, ContentLabel } from '../../../core/career'
import { getDb } from '../../../db'
import { Dialog } from '../../../app/ui/Dialog'
import { ATTACHMENT_MIME_TYPES } from '../../attachments'
import { AffiliationError, LogoError, type AffiliationField, type AffiliationProblem } from '../errors'
import { createAffiliation, updateAffiliation, type AffiliationInput, type LogoChange } from '../repository'
import { AffiliationLogo } from './AffiliationLogo'
import { LabelOptions } from './LabelOptions'

export interface AffiliationDialogProps {
  open: boolean
  /** The affiliation edited, or null to add one. */
  affiliation: Affiliation | null
  /** Label a new affiliation starts with. */
  initialLabel: ContentLabel
  onOpenChange(open: boolean): void
}

function inputOf(affiliation: Affiliation | null, initialLabel: ContentLabel): AffiliationInput {
  if (!affiliation) return { organisation: '', role: '', start: '', end: '', defaultLabel: initialLabel }
  const { organisation, role, start, end, defaultLabel } = affiliation
  return { organisation, role, start, end, defaultLabel }
}

export function AffiliationDialog({ open, affiliation, initialLabel, onOpenChange }: AffiliationDialogProps) {
  const { t } = useTranslation('career')
  const [input, setInput] = useState<AffiliationInput>(() => inputOf(affiliation, initialLabel))
  const [logo, setLogo] = useState<LogoChange>({ type: 'keep' })
  const [problems, setProblems] = useState<AffiliationProblem[]>([])
  const [logoError, setLogoError] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)
  const ids = { organisation: useId(), role: useId(), start: useId(), end: useId(), endHint: useId(), defaultLabel: useId(), logo: useId() }

  // A fresh form each time the dialog opens (or opens on another affiliation).
  useEffect(() => {
    if (!open) return
    setInput(inputOf(affiliation, initialLabel))
    setLogo({ type: 'keep' })
    setProblems([])
    setLogoError(null)
    setFailure(null)
    setSaving(false)
  }, [open, affiliation, initialLabel])

  const pendingUrl = useMemo(() => (logo.type === 'set' ? URL.createObjectURL(logo.logo.blob) : null), [logo])
  useEffect(() => () => void (pendingUrl && URL.revokeObjectURL(pendingUrl)), [pendingUrl])

  const problemOf = (field: AffiliationField): string | null => {
    const problem = problems.find((p) => p.field === field)
    return problem ? t(`dialog.problems.${field}.${problem.code}`) : null
  }
  const set = (field: keyof AffiliationInput, value: string) => {
    setInput((current) => ({ ...current, [field]: value }))
    setProblems((current) => current.filter((p) => p.field !== field && !(field === 'start' && p.code === 'end-before-start')))
  }
  const takeLogo = (blob: Blob, name: string) => {
    setLogoError(null)
    setLogo({ type: 'set', logo: { blob, name } })
  }
  const onPaste = (event: ClipboardEvent) => {
    const file = Array.from(event.clipboardData.files).find((f) => f.type.startsWith('image/')) ?? event.clipboardData.files[0]
    if (!file) return
    event.preventDefault()
    takeLogo(file, file.name || 'logo')
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    setSaving(true)
    setFailure(null)
    try {
      const db = getDb()
      if (affiliation) await updateAffiliation(db, affiliation.id, input, logo)
      else await createAffiliation(db, input, logo.type === 'set' ? logo.logo : undefined)
      onOpenChange(false)
    } catch (error) {
      if (error instanceof AffiliationError) {
        setProblems([...error.problems])
        const first = error.problems[0]
        if (first) document.getElementById(ids[first.field])?.focus()
      } else if (error instanceof LogoError) setLogoError(t(`dialog.logoErrors.${error.code}`))
      else setFailure(t('dialog.failed', { message: error instanceof Error ? error.message : String(error) }))
    } finally {
      setSaving(false)
    }
  }

  const field = (name: 'organisation' | 'role' | 'start' | 'end', type: 'text' | 'date', extra?: { required?: boolean; hint?: string }) => {
    const problem = name === 'role' ? null : problemOf(name)
    const errorId = `${ids[name]}-error`
    const describedBy = [problem ? errorId : null, extra?.hint ? ids.endHint : null].filter(Boolean).join(' ') || undefined
    return (
      <div className={`field${name === 'organisation' ? ' field-wide' : ''}`}>
        <label htmlFor={ids[name]} className="field-label">
          {t(`dialog.${name}`)}
        </label>
        <input
          id={ids[name]}
          className="input"
          type={type}
          value={input[name]}
          required={extra?.required}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => set(name, e.target.value)}
          maxLength={type === 'text' ? 200 : undefined}
        />
        {extra?.hint && (
          <span id={ids.endHint} className="hint">
            {extra.hint}
          </span>
        )}
        {problem && (
          <span id={errorId} className="field-error">
            {problem}
          </span>
        )}
      </div>
    )
  }

  const currentLogoId = logo.type === 'keep' ? (affiliation?.logoAttachmentId ?? null) : null
  const organisationName = input.organisation.trim() || affiliation?.organisation || ''

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={affiliation ? t('dialog.editTitle', { organisation: affiliation.organisation }) : t('dialog.addTitle')}
      footer={
        <>
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            {t('common:cancel')}
          </button>
          <button type="submit" form={ids.logo + '-form'} className="btn btn-primary" disabled={saving}>
            {saving ? t('dialog.saving') : t('dialog.save')}
          </button>
        </>
      }
    >
      <form id={ids.logo + '-form'} className="dialog-body career-form" onSubmit={(e) => void submit(e)} noValidate>
        {field('organisation', 'text', { required: true })}
        {field('role', 'text')}
        <div className="field">
          <label htmlFor={ids.defaultLabel} className="field-label">
            {t('dialog.defaultLabel')}
          </label>
          <select id={ids.defaultLabel} className="select" value={input.defaultLabel} onChange={(e) => set('defaultLabel', e.target.value)}>
            <LabelOptions />
          </select>
        </div>
        {field('start', 'date', { required: true })}
        {field('end', 'date', { hint: t('dialog.endHint') })}
        <div className="field field-wide">
          <span className="field-label" id={`${ids.logo}-label`}>
            {t('dialog.logo')}
          </span>
          {/* Focusable so a picture can be pasted into it from the keyboard. */}
          <div
            className="career-logo-field"
            tabIndex={0}
            role="group"
            aria-labelledby={`${ids.logo}-label`}
            aria-describedby={logoError ? `${ids.logo}-error` : undefined}
            onPaste={onPaste}
          >
            {pendingUrl ? (
              <img className="career-logo career-logo-large" src={pendingUrl} alt={t('dialog.logoPreview', { organisation: organisationName })} />
            ) : (
              <AffiliationLogo attachmentId={currentLogoId} organisation={organisationName || '?'} large alt={t('dialog.logoPreview', { organisation: organisationName })} />
            )}
            <div className="career-logo-buttons">
              <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
                {t('dialog.logoPick')}
              </button>
              <span className="hint">{t('dialog.logoPaste')}</span>
              {(pendingUrl || currentLogoId) && (
                <button
                  type="button"
                  className="btn btn-ghost"
                  onClick={() => {
                    setLogoError(null)
                    setLogo(affiliation?.logoAttachmentId ? { type: 'remove' } : { type: 'keep' })
                  }}
                >
                  {t('dialog.logoRemove')}
                </button>
              )}
            </div>
            <input
              ref={fileRef}
              type="file"
              hidden
              accept={ATTACHMENT_MIME_TYPES.join(',')}
              aria-label={t('dialog.logoPick')}
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) takeLogo(file, file.name)
                e.target.value = ''
              }}
            />
          </div>
          {logoError && (
            <span id={`${ids.logo}-error`} className="field-error" role="alert">
              {logoError}
            </span>
          )}
        </div>
        {failure && (
          <p className="field-error field-wide" role="alert">
            {failure}
          </p>
        )}
      </form>
    </Dialog>
  )
}
