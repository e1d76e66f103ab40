// Modal dialog on Radix: focus trap, Escape, focus returned to the opener, role dialog named by its title.
import * as RadixDialog from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import { useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface DialogProps {
  open: boolean
  onOpenChange(open: boolean): void
  title: string
  /** Shown under the title and used as the accessible description. */
  description?: string
  /** Visually hide the title (it still names the dialog), e.g. for the command palette. */
  hideTitle?: boolean
  wide?: boolean
  className?: string
  children: ReactNode
  footer?: ReactNode
  /** Element to focus when the dialog opens (default: the first focusable one). */
  onOpenAutoFocus?: (event: Event) => void
  /** Called before focus goes back to the opener; preventDefault() keeps it where it is. */
  onCloseAutoFocus?: (event: Event) => void
}

export function Dialog({ open, onOpenChange, title, description, hideTitle, wide, className, children, footer, onOpenAutoFocus, onCloseAutoFocus }: DialogProps) {
  const { t } = useTranslation()
  const contentRef = useRef<HTMLDivElement>(null)
  // Radix gives focus back to a Dialog.Trigger; ours open from shortcuts and menus, so remember the opener.
  const returnTo = useRef<HTMLElement | null>(null)
  const autoFocus = (event: Event) => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (onOpenAutoFocus) return onOpenAutoFocus(event)
    // A dialog may mark the control that should get focus first (e.g. Cancel in a confirmation).
    const preferred = contentRef.current?.querySelector<HTMLElement>('[data-autofocus]')
    if (preferred) {
      event.preventDefault()
      preferred.focus()
    }
  }
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={`dialog${wide ? ' dialog-wide' : ''}${className ? ` ${className}` : ''}`}
          ref={contentRef}
          onOpenAutoFocus={autoFocus}
          onCloseAutoFocus={(event) => {
            const target = returnTo.current
            returnTo.current = null
            onCloseAutoFocus?.(event)
            if (event.defaultPrevented) return
            if (target?.isConnected) {
              event.preventDefault()
              target.focus()
            }
          }}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          {hideTitle ? (
            <RadixDialog.Title className="visually-hidden">{title}</RadixDialog.Title>
          ) : (
            <div className="dialog-header">
              <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
              <RadixDialog.Close className="btn btn-ghost btn-icon" aria-label={t('close')}>
                <X size={16} aria-hidden />
              </RadixDialog.Close>
            </div>
          )}
          {description && <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description>}
          {children}
          {footer && <div className="dialog-footer">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}
