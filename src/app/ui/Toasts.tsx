// Transient messages at the bottom of the window ("Moved to Trash — Undo", errors).
// Hand-written: a polite live region and a timer are all it needs.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface ToastOptions {
  message: string
  action?: { label: string; run(): void }
  tone?: 'info' | 'error'
  /** ms before it goes away; errors stay longer. */
  duration?: number
}

interface ToastEntry extends ToastOptions {
  id: number
}

const ToastContext = createContext<(toast: ToastOptions) => void>(() => {})

export function useToast(): (toast: ToastOptions) => void {
  return useContext(ToastContext)
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<ToastEntry[]>([])
  const nextId = useRef(1)
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), [])
  const show = useCallback(
    (toast: ToastOptions) => {
      const id = nextId.current++
      // Keep at most three on screen.
      setToasts((all) => [...all.slice(-2), { ...toast, id }])
      setTimeout(() => dismiss(id), toast.duration ?? (toast.tone === 'error' ? 8000 : 5000))
    },
    [dismiss],
  )
  const value = useMemo(() => show, [show])
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label={t('notifications')}>
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast${toast.tone === 'error' ? ' toast-error' : ''}`}>
            <span>{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  toast.action?.run()
                  dismiss(toast.id)
                }}
              >
                {toast.action.label}
              </button>
            )}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}
