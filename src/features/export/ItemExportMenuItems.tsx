// "Export as Markdown…" and "Export as HTML…" in an item's "…" menu (Radix dropdown items, so they are
// menu items to assistive technology and keyboard users). The outcome shows as a toast.
import * as Menu from '@radix-ui/react-dropdown-menu'
import { FileCode2, FileText } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useToast } from '../../app/ui/Toasts'
import type { HtmlLabels } from '../../core/markdown'
import { getDb } from '../../db'
import { describeExportProblem } from './describe'
import { ExportFailure } from './errors'

const HTML_LABEL_KEYS = [
  'untitled', 'kind', 'status', 'created', 'updated', 'tags', 'event', 'date', 'place', 'slides', 'video', 'url', 'siteName',
  'saved', 'read', 'readYes', 'readNo', 'canonicalUrl', 'taskDone', 'taskTodo',
] as const

export function ItemExportMenuItems({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation('export')
  const toast = useToast()

  const run = async (format: 'markdown' | 'html') => {
    try {
      const item = await getDb().items.get(itemId)
      if (!item) return
      // Fetched on first use: the Markdown and HTML writers are not needed to paint the app.
      const { exportItemAsHtml, exportItemAsMarkdown } = await import('./singleItem')
      let written
      if (format === 'markdown') {
        written = await exportItemAsMarkdown(getDb(), item)
      } else {
        const tc = i18n.getFixedT(i18n.language, 'common')
        const labels = Object.fromEntries(HTML_LABEL_KEYS.map((key) => [key, t(`html.${key}`)])) as Omit<HtmlLabels, 'kinds' | 'statuses'>
        const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' })
        written = await exportItemAsHtml(getDb(), item, {
          lang: i18n.language,
          labels: {
            ...labels,
            kinds: { post: tc('kinds.post.one'), talk: tc('kinds.talk.one'), link: tc('kinds.link.one'), note: tc('kinds.note.one') },
            statuses: { ...tc('statuses.talk', { returnObjects: true }), ...tc('statuses.post', { returnObjects: true }) } as Record<string, string>,
          },
          formatDate: (ms) => dateFormat.format(ms),
        })
      }
      if (written) toast({ message: t('item.saved', { name: written.name }) })
    } catch (error) {
      const reason = error instanceof ExportFailure ? describeExportProblem(t, error.problem) : String(error)
      toast({ tone: 'error', message: t('item.failed', { reason }) })
    }
  }

  return (
    <>
      <Menu.Item className="menu-item" onSelect={() => void run('markdown')}>
        <FileText size={15} aria-hidden />
        {t('menu.markdown')}
      </Menu.Item>
      <Menu.Item className="menu-item" onSelect={() => void run('html')}>
        <FileCode2 size={15} aria-hidden />
        {t('menu.html')}
      </Menu.Item>
    </>
  )
}
