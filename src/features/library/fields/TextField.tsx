// Labelled text input / textarea bound to one item field, saved through useDraft.
import { useId, useState, type ReactNode } from 'react'
import { useDraft } from './useDraft'

export interface TextFieldProps {
  label: string
  value: string
  onSave(value: string): Promise<void> | void
  multiline?: boolean
  type?: 'text' | 'url' | 'date'
  placeholder?: string
  /** Buttons after the input (e.g. "Open"). */
  trailing?: ReactNode
  className?: string
  /** Rejects a value before saving: returns the message shown under the field (the draft is kept, not saved). */
  validate?(value: string): string | null
  rows?: number
}

export function TextField({ label, value, onSave, multiline, type = 'text', placeholder, trailing, className, validate, rows = 2 }: TextFieldProps) {
  const id = useId()
  const errorId = useId()
  const [error, setError] = useState<string | null>(null)
  const { draft, onChange, flush } = useDraft(value, async (next) => {
    const problem = validate?.(next) ?? null
    setError(problem)
    if (problem === null) await onSave(next)
  })
  const common = {
    id,
    value: draft,
    placeholder,
    onBlur: flush,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  }
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="field-control">
        {multiline ? (
          <textarea {...common} className="textarea" rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} className="input" type={type} spellCheck={type === 'text'} onChange={(e) => onChange(e.target.value)} />
        )}
        {trailing}
      </div>
      {error && (
        <div id={errorId} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  )
}
