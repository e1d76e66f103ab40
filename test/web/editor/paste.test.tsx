// @vitest-environment jsdom
// What enters the document from the clipboard or a drop: hostile HTML is neutralised before
// ProseMirror parses it, Markdown text becomes rich text, images are stored offline as attachments.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { attachmentIdFromSrc, docAttachmentIds, type RichNode } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import type { BaluchonDb } from '../../../src/db'
import { MAX_ATTACHMENT_BYTES } from '../../../src/features/attachments'
import { ItemEditor, flushAllPendingSaves } from '../../../src/features/editor'
import { resetAutosaversForTests } from '../../../src/features/editor/autosave'
import { looksLikeMarkdown } from '../../../src/features/editor/markdownPaste'
import { sanitizePastedHtml } from '../../../src/features/editor/pasteHtml'
import { sanitizeDocJson } from '../../../src/features/editor/sanitizeDoc'
import { bodyElement, editorOf, newNote, pasteInto, pngFile, setupEditorTest } from './harness'

let db: BaluchonDb

declare global {
  interface Window {
    __canary?: unknown
  }
}

beforeEach(async () => {
  ;({ db } = await setupEditorTest('en'))
  resetAutosaversForTests()
  delete window.__canary
})
afterEach(async () => {
  cleanup()
  await flushAllPendingSaves()
  vi.restoreAllMocks()
})

function renderItem(item: Item) {
  const result = render(<ItemEditor item={item} autosaveDelayMs={60_000} />)
  const editor = editorOf(result.container)
  act(() => {
    editor.commands.focus('end')
  })
  return { ...result, editor, body: bodyElement(result.container) }
}

function allNodes(node: RichNode): RichNode[] {
  return [node, ...(node.content ?? []).flatMap(allNodes)]
}

const HOSTILE_HTML = `
  <p>Intro <b>bold</b></p>
  <script>window.__canary = 'script'</script>
  <img src="x" onerror="window.__canary = 'img-onerror'">
  <p onclick="window.__canary = 'onclick'" onmouseover="window.__canary = 'hover'">Click text</p>
  <a href="javascript:window.__canary = 'js-link'">js link</a>
  <a href=" JaVaScRiPt:window.__canary = 'mixed-case'">mixed case</a>
  <a href="java&#x09;script:window.__canary = 'tab'">tab link</a>
  <a href="data:text/html,<script>window.__canary='data'</script>">data link</a>
  <a href="vbscript:msgbox(1)">vb link</a>
  <a href="https://example.org/ok" onclick="window.__canary='a-onclick'">safe link</a>
  <iframe src="javascript:window.__canary = 'iframe'"></iframe>
  <iframe srcdoc="<script>parent.__canary='srcdoc'</script>"></iframe>
  <object data="javascript:window.__canary='object'"></object>
  <embed src="javascript:window.__canary='embed'">
  <svg onload="window.__canary = 'svg'"><circle r="1"></circle><script>window.__canary='svg-script'</script></svg>
  <math><mtext><table><mglyph><style><img src=x onerror="window.__canary='mxss'"></style></mglyph></table></mtext></math>
  <form action="javascript:window.__canary='form'"><button formaction="javascript:1">Go</button></form>
  <style>body { background: url("javascript:window.__canary='style'") }</style>
  <details open ontoggle="window.__canary='toggle'"><summary>s</summary></details>
  <p>End</p>`

describe('hostile HTML paste', () => {
  it('leaves no script, handler, frame or javascript: URL in the document, and runs nothing', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { html: HOSTILE_HTML, text: 'Intro bold Click text' })
    // Give any handler that slipped through a chance to run.
    await new Promise((r) => setTimeout(r, 30))
    expect(window.__canary).toBeUndefined()

    const json = JSON.stringify(editor.getJSON())
    expect(json).not.toMatch(/javascript|vbscript|data:text|onerror|onclick|onload|__canary/i)
    expect(editor.getText()).toContain('Intro')
    expect(editor.getText()).toContain('End')
    expect(editor.getJSON().content?.[0]?.content?.some((n) => n.marks?.some((m) => m.type === 'bold'))).toBe(true)

    // The rendered editor DOM: no dangerous element, no event handler attribute, only safe hrefs.
    expect(body.querySelector('script, iframe, object, embed, svg, math, form, style, details')).toBeNull()
    for (const el of Array.from(body.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false)
    }
    const hrefs = Array.from(body.querySelectorAll('a')).map((a) => a.getAttribute('href'))
    expect(hrefs).toEqual(['https://example.org/ok'])
    expect(body.querySelectorAll('img')).toHaveLength(0)
  })

  it('sanitises the HTML string before ProseMirror sees it', () => {
    const clean = sanitizePastedHtml(HOSTILE_HTML)
    expect(clean).not.toMatch(/<script|<iframe|<object|<embed|<svg|<math|<form|<style|javascript:|vbscript:|data:text|\son\w+=/i)
    expect(clean).toContain('href="https://example.org/ok"')
  })

  it('keeps the plain attributes the schema reads (list start, cell spans)', () => {
    const clean = sanitizePastedHtml('<ol start="3"><li>x</li></ol><table><tr><td colspan="2" rowspan="3" colwidth="120">c</td></tr></table>')
    expect(clean).toContain('<ol start="3">')
    expect(clean).toMatch(/<td colspan="2" rowspan="3" colwidth="120">/)
  })

  it('turns remote images into links (never loaded), drops data: images, keeps stored ones', () => {
    const clean = sanitizePastedHtml(
      '<p><img src="https://tracker.example/pixel.gif" alt="Chart"> <img src="https://cdn.example/a.png"> <img src="data:image/png;base64,AAAA"> <img src="attachment:01ABC"></p>',
    )
    const doc = new DOMParser().parseFromString(clean, 'text/html')
    const links = Array.from(doc.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent])
    expect(links).toEqual([
      ['https://tracker.example/pixel.gif', 'Chart'],
      ['https://cdn.example/a.png', 'https://cdn.example/a.png'],
    ])
    expect(Array.from(doc.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual(['attachment:01ABC'])
  })

  it('keeps the spaces between inline elements pasted between blocks (no URL swallowing the next word)', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, {
      html: '<p>Intro</p>\n<img src="https://example.org/t.gif">\n<a href="javascript:x()">click me</a> <b>bold</b>\n<p>End</p>',
      text: 'Intro click me bold End',
    })
    const second = editor.getJSON().content?.[1]
    expect(second?.content?.map((n) => [(n as RichNode).text, n.marks?.map((m) => m.attrs?.href ?? m.type) ?? []])).toEqual([
      ['https://example.org/t.gif', ['https://example.org/t.gif']],
      [' click me ', []],
      ['bold', ['bold']],
    ])
  })

  it('keeps formatting from word processors (Google Docs style spans)', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, {
      html: '<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Strong</span> and <span style="font-style:italic">slanted</span></p><ul><li><p>item</p></li></ul></b>',
      text: 'Strong and slanted\nitem',
    })
    const nodes = allNodes(editor.getJSON() as RichNode)
    expect(nodes.find((n) => n.text === 'Strong')?.marks?.map((m) => m.type)).toEqual(['bold'])
    expect(nodes.find((n) => n.text === 'slanted')?.marks?.map((m) => m.type)).toEqual(['italic'])
    expect(nodes.some((n) => n.type === 'bulletList')).toBe(true)
  })

  it('pastes a remote image as a link, not as an image', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { html: '<p>See <img src="https://example.org/cat.jpg" alt="a cat"></p>', text: 'See' })
    const nodes = allNodes(editor.getJSON() as RichNode)
    expect(nodes.some((n) => n.type === 'image')).toBe(false)
    const link = nodes.find((n) => n.text === 'a cat')
    expect(link?.marks).toEqual([expect.objectContaining({ type: 'link', attrs: expect.objectContaining({ href: 'https://example.org/cat.jpg' }) })])
  })
})

describe('copy and paste inside the app', () => {
  it('round-trips every kind of content through the sanitiser unchanged', async () => {
    const rich: RichNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'another item', marks: [{ type: 'link', attrs: { href: 'item:01JOTHER' } }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'code', marks: [{ type: 'code' }] },
          ],
        },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'done' }] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'third' }] }] }] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = 1' }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quote' }] }] },
        { type: 'image', attrs: { src: 'attachment:01STORED' } },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'H' }] }] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'C' }] }] }] },
            {
              type: 'tableRow',
              content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'D' }] }] }],
            },
          ],
        },
        { type: 'horizontalRule' },
        { type: 'paragraph' },
      ],
    }
    const source = await newNote(db, { body: rich as Item['body'] })
    const { editor } = renderItem(source)
    const view = editor.view
    const { dom } = view.serializeForClipboard(view.state.doc.slice(0, view.state.doc.content.size))
    const copied = editor.getJSON()
    cleanup()
    const target = await newNote(db)
    const pasted = renderItem(target)
    pasteInto(pasted.body, { html: dom.innerHTML, text: 'x' })
    const strip = (node: RichNode): RichNode => JSON.parse(JSON.stringify(node, (key, value) => (key === 'colwidth' || key === 'rel' || key === 'target' || key === 'class' || key === 'title' ? undefined : value)))
    expect(strip(pasted.editor.getJSON() as RichNode)).toEqual(strip(copied as RichNode))
  })
})

describe('Markdown paste', () => {
  it('recognises Markdown text and leaves prose alone', () => {
    expect(looksLikeMarkdown('# Title\n\nText')).toBe(true)
    expect(looksLikeMarkdown('- one\n- two')).toBe(true)
    expect(looksLikeMarkdown('1. first\n2. second')).toBe(true)
    expect(looksLikeMarkdown('- [ ] task')).toBe(true)
    expect(looksLikeMarkdown('> quoted')).toBe(true)
    expect(looksLikeMarkdown('```js\ncode\n```')).toBe(true)
    expect(looksLikeMarkdown('| a | b |\n| - | - |')).toBe(true)
    expect(looksLikeMarkdown('some **bold** words')).toBe(true)
    expect(looksLikeMarkdown('see [docs](https://example.org)')).toBe(true)
    expect(looksLikeMarkdown('Just a sentence, with punctuation.')).toBe(false)
    expect(looksLikeMarkdown('C# is a language - sometimes')).toBe(false)
    expect(looksLikeMarkdown('2*3 = 6 and a_b_c')).toBe(false)
  })

  it('pastes Markdown text as headings, lists, tasks, quotes and code', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    const markdown = ['# Big title', '', 'Some **bold** text.', '', '## Sub', '', '- one', '- two', '', '1. first', '2. second', '', '- [ ] todo', '- [x] done', '', '> wise words', '', '```', 'const x = 1', '```'].join('\n')
    pasteInto(body, { text: markdown })
    const types = (editor.getJSON().content ?? []).map((n) => (n.type === 'heading' ? `h${n.attrs?.level}` : n.type))
    expect(types).toEqual(expect.arrayContaining(['h1', 'paragraph', 'h2', 'bulletList', 'orderedList', 'taskList', 'blockquote', 'codeBlock']))
    expect(types.indexOf('h1')).toBeLessThan(types.indexOf('h2'))
    const nodes = allNodes(editor.getJSON() as RichNode)
    expect(nodes.find((n) => n.text === 'bold')?.marks?.map((m) => m.type)).toEqual(['bold'])
    expect(nodes.filter((n) => n.type === 'taskItem').map((n) => n.attrs?.checked)).toEqual([false, true])
    expect(nodes.find((n) => n.type === 'codeBlock')?.content?.[0]?.text).toBe('const x = 1')
  })

  it('strips javascript: links and never loads images from pasted Markdown', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { text: '# Hi\n\n[bad](javascript:alert(1)) [good](https://example.org) ![pic](https://example.org/p.png) <img src=x onerror="window.__canary=1">' })
    await new Promise((r) => setTimeout(r, 30))
    expect(window.__canary).toBeUndefined()
    const json = JSON.stringify(editor.getJSON())
    expect(json).not.toMatch(/javascript|onerror/)
    const nodes = allNodes(editor.getJSON() as RichNode)
    expect(nodes.some((n) => n.type === 'image')).toBe(false)
    expect(nodes.find((n) => n.text === 'good')?.marks?.[0]?.attrs?.href).toBe('https://example.org')
    expect(nodes.find((n) => n.text === 'pic')?.marks?.[0]?.attrs?.href).toBe('https://example.org/p.png')
    expect(nodes.find((n) => n.text === 'bad')?.marks ?? []).toEqual([])
  })

  it('keeps Markdown as typed characters on Ctrl+Shift+V (paste as plain text)', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    act(() => {
      const event = new KeyboardEvent('keydown', { key: 'V', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true })
      editor.view.someProp('handleKeyDown', (f) => f(editor.view, event))
    })
    pasteInto(body, { text: '# Not a heading' })
    expect(editor.getJSON().content?.map((n) => n.type)).toEqual(['paragraph'])
    expect(editor.getText()).toBe('# Not a heading')
  })

  it('pastes text that is not Markdown as plain paragraphs', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { text: 'Line one\n\nLine two' })
    expect((editor.getJSON().content ?? []).map((n) => n.type)).toEqual(['paragraph', 'paragraph'])
    expect(editor.getText()).toContain('Line one')
  })

  it('sanitizeDocJson cleans link and image targets without touching the input', () => {
    const input: RichNode = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:1' } }, { type: 'bold' }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'y', marks: [{ type: 'link', attrs: { href: 'item:01JOK' } }] }, { type: 'text', text: 'z', marks: [{ type: 'link', attrs: { href: 'item:a/../b' } }] }] },
        { type: 'image', attrs: { src: 'https://example.org/a.png', alt: '' } },
        { type: 'image', attrs: { src: 'attachment:01X' } },
        { type: 'image', attrs: { src: 'file:///etc/passwd' } },
      ],
    }
    const before = JSON.stringify(input)
    const out = sanitizeDocJson(input)
    expect(JSON.stringify(input)).toBe(before)
    expect(out.content?.[0]?.content?.[0]?.marks).toEqual([{ type: 'bold' }])
    // A link to another item stays; an item: address that is not an id is dropped.
    expect(out.content?.[1]?.content?.map((n) => n.marks ?? [])).toEqual([[{ type: 'link', attrs: { href: 'item:01JOK' } }], []])
    expect(out.content?.[2]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'https://example.org/a.png', marks: [{ type: 'link', attrs: { href: 'https://example.org/a.png' } }] }],
    })
    expect(out.content?.[3]).toEqual({ type: 'image', attrs: { src: 'attachment:01X' } })
    expect(out.content).toHaveLength(4)
  })
})

describe('image paste and drop', () => {
  it('stores a pasted image as an attachment and shows it from a blob: URL', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    // Copying an image in a browser puts the file and an <img> wrapper pointing at the web.
    pasteInto(body, { files: [pngFile()], html: '<img src="https://example.org/pixel.png">' })
    await waitFor(() => expect(docAttachmentIds(editor.getJSON() as RichNode)).toHaveLength(1))
    const [id] = docAttachmentIds(editor.getJSON() as RichNode)
    const stored = await db.attachments.get(id!)
    expect(stored).toMatchObject({ itemId: item.id, mime: 'image/png', name: 'pixel.png' })
    const image = allNodes(editor.getJSON() as RichNode).find((n) => n.type === 'image')
    expect(attachmentIdFromSrc(String(image?.attrs?.src))).toBe(id)
    await waitFor(() => expect(body.querySelector('.be-image img')?.getAttribute('src')).toMatch(/^blob:/))
    expect(JSON.stringify(editor.getJSON())).not.toContain('example.org')
    // And it is saved with the document.
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect(docAttachmentIds((await db.items.get(item.id))!.body)).toEqual([id])
  })

  it('an image still being stored when another item is opened never lands in that item', async () => {
    const a = await newNote(db)
    const b = await newNote(db, { body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'B text' }] }] }, bodyText: 'B text' })
    const view = render(<ItemEditor item={a} autosaveDelayMs={60_000} />)
    const editor = editorOf(view.container)
    pasteInto(bodyElement(view.container), { files: [pngFile()] })
    // Opened at once, before the picture is stored.
    view.rerender(<ItemEditor item={b} autosaveDelayMs={60_000} />)
    await waitFor(async () => expect(await db.attachments.count()).toBe(1))
    await new Promise((r) => setTimeout(r, 20))
    expect(editorOf(view.container)).toBe(editor)
    expect(allNodes(editor.getJSON() as RichNode).filter((n) => n.type === 'image')).toHaveLength(0)
    expect(editor.getText()).toBe('B text')
    expect((await db.attachments.toArray())[0]?.itemId).toBe(a.id)
  })

  it('stores the same image once per item', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { files: [pngFile('a.png')] })
    await waitFor(() => expect(allNodes(editor.getJSON() as RichNode).filter((n) => n.type === 'image')).toHaveLength(1))
    pasteInto(body, { files: [pngFile('b.png')] })
    await waitFor(() => expect(allNodes(editor.getJSON() as RichNode).filter((n) => n.type === 'image')).toHaveLength(2))
    pasteInto(body, { files: [pngFile('c.png', 7)] })
    await waitFor(() => expect(allNodes(editor.getJSON() as RichNode).filter((n) => n.type === 'image')).toHaveLength(3))
    expect(await db.attachments.count()).toBe(2)
  })

  it('pastes the text when rich text comes with an image rendering of itself', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { files: [pngFile()], html: '<p>A paragraph from a word processor</p>', text: 'A paragraph from a word processor' })
    await new Promise((r) => setTimeout(r, 30))
    expect(editor.getText()).toContain('A paragraph from a word processor')
    expect(await db.attachments.count()).toBe(0)
  })

  it('refuses SVG and oversized images with a clear message', async () => {
    const item = await newNote(db)
    const { editor, body } = renderItem(item)
    pasteInto(body, { files: [new File(['<svg onload="window.__canary=1"/>'], 'evil.svg', { type: 'image/svg+xml' })] })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Only PNG, JPEG, GIF, WebP, AVIF and BMP/))
    const huge = new File([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], 'huge.png', { type: 'image/png' })
    pasteInto(body, { files: [huge] })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/too large \(the limit is 20 MB\)/))
    expect(await db.attachments.count()).toBe(0)
    expect(allNodes(editor.getJSON() as RichNode).some((n) => n.type === 'image')).toBe(false)
    expect(window.__canary).toBeUndefined()
  })

  it('stores a dropped image where it was dropped', async () => {
    const item = await newNote(db, { body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'before' }] }] }, bodyText: 'before' })
    const { editor } = renderItem(item)
    const view = editor.view
    const event = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent
    Object.defineProperty(event, 'dataTransfer', { value: { files: [pngFile()], types: ['Files'], getData: () => '' } })
    let handled = false
    act(() => {
      handled = !!view.someProp('handleDrop', (f) => f(view, event, view.state.doc.slice(0, 0), false))
    })
    expect(handled).toBe(true)
    expect(event.defaultPrevented).toBe(true)
    await waitFor(() => expect(allNodes(editor.getJSON() as RichNode).filter((n) => n.type === 'image')).toHaveLength(1))
    expect(editor.getText()).toContain('before')
  })

  it('shows a placeholder, never a remote fetch, for an image that is not stored', async () => {
    const item = await newNote(db, {
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://example.org/x.png' } }, { type: 'image', attrs: { src: 'attachment:missing' } }] },
      bodyText: '',
    })
    const { body } = renderItem(item)
    const views = Array.from(body.querySelectorAll<HTMLElement>('.be-image'))
    expect(views).toHaveLength(2)
    expect(views[0]!.getAttribute('aria-label')).toBe('Image not stored in Baluchon (web images are never loaded)')
    expect(views[0]!.querySelector('img')?.getAttribute('src')).toBeNull()
    await waitFor(() => expect(views[1]!.getAttribute('aria-label')).toBe('Image not found'))
    expect(views[1]!.querySelector('img')?.getAttribute('src')).toBeNull()
  })
})
