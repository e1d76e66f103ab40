// Images in documents point at stored attachments (`attachment:<id>`). This node view shows them from
// their stored Blob through a shared blob: URL, so they work offline and nothing is fetched remotely.
// A plain DOM node view: images are common, and React node views cost a render per image.
import Image, { type ImageOptions } from '@tiptap/extension-image'
import type { Node as PmNode } from '@tiptap/pm/model'
import type { NodeView } from '@tiptap/pm/view'
import { i18next } from '../../i18n'
import { attachmentIdFromSrc } from '../../core/doc'
import type { AttachmentUrlCache, AttachmentUrlHandle } from '../attachments/objectUrls'

export interface AttachmentImageOptions {
  /** Where `attachment:` srcs are resolved; null renders placeholders (no database, e.g. read-only previews). */
  urls: AttachmentUrlCache | null
}

class AttachmentImageView implements NodeView {
  dom: HTMLElement
  private img: HTMLImageElement
  private node: PmNode
  private handle: AttachmentUrlHandle | null = null
  private readonly urls: AttachmentUrlCache | null

  constructor(node: PmNode, urls: AttachmentUrlCache | null) {
    this.node = node
    this.urls = urls
    this.dom = document.createElement('div')
    this.dom.className = 'be-image'
    this.dom.contentEditable = 'false'
    this.img = document.createElement('img')
    this.img.draggable = false
    this.dom.append(this.img)
    this.render(node, true)
  }

  private render(node: PmNode, srcChanged: boolean): void {
    // Pasted pictures come without a description: name them "Image" rather than leave them unnamed.
    const alt = typeof node.attrs.alt === 'string' && node.attrs.alt.trim() ? node.attrs.alt : i18next.t('image.untitled', { ns: 'editor' })
    this.img.alt = alt
    if (typeof node.attrs.title === 'string' && node.attrs.title) this.img.title = node.attrs.title
    else this.img.removeAttribute('title')
    const width = Number(node.attrs.width)
    this.img.style.width = width > 0 ? `${width}px` : ''
    if (srcChanged) this.load(typeof node.attrs.src === 'string' ? node.attrs.src : '')
  }

  private load(src: string): void {
    this.handle?.release()
    this.handle = null
    this.img.removeAttribute('src')
    const id = attachmentIdFromSrc(src)
    if (!id || !this.urls) {
      // Never load a non-attachment src: it would be a remote fetch (privacy, offline) or a data:/file: URL.
      this.showPlaceholder('image.notStored')
      return
    }
    this.dom.dataset.image = 'loading'
    const handle = this.urls.acquire(id)
    this.handle = handle
    void handle.url.then((url) => {
      if (this.handle !== handle) return
      if (url) {
        this.dom.dataset.image = 'ready'
        this.dom.removeAttribute('aria-label')
        this.dom.removeAttribute('role')
        this.img.hidden = false
        this.img.src = url
      } else {
        this.showPlaceholder('image.missing')
      }
    })
  }

  private showPlaceholder(key: 'image.notStored' | 'image.missing'): void {
    const label = i18next.t(key, { ns: 'editor' })
    this.dom.dataset.image = 'missing'
    this.dom.dataset.label = label
    this.dom.setAttribute('role', 'img')
    this.dom.setAttribute('aria-label', label)
    this.img.hidden = true
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false
    const srcChanged = node.attrs.src !== this.node.attrs.src
    this.node = node
    this.render(node, srcChanged)
    return true
  }

  ignoreMutation(): boolean {
    return true
  }

  stopEvent(): boolean {
    return false
  }

  destroy(): void {
    this.handle?.release()
    this.handle = null
  }
}

export const AttachmentImage = Image.extend<ImageOptions & AttachmentImageOptions>({
  addOptions() {
    return { ...this.parent!(), urls: null, resize: false }
  },

  /** Only stored images are parsed from HTML; pasted HTML has already turned web images into links. */
  parseHTML() {
    return [{ tag: 'img[src^="attachment:"]' }]
  },

  /** No `![alt](url)` input rule: typing it would make the editor fetch a remote image. */
  addInputRules() {
    return []
  },

  addNodeView() {
    const urls = this.options.urls
    return ({ node }) => new AttachmentImageView(node, urls)
  },
})
