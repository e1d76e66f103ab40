// Chart colours per theme. Charts draw SVG with colours as attributes, where CSS variables do not apply,
// so each theme has its own set here. Kinds use the Okabe–Ito palette (told apart with colour-blindness too);
// values chosen for at least 3:1 against each theme's surface.
import type { ItemKind } from '../../core/items'

export interface ChartPalette {
  kinds: Record<ItemKind, string>
  text: string
  muted: string
  grid: string
  surface: string
  /** Heatmap levels 0 (nothing) to 4. */
  heat: [string, string, string, string, string]
  published: string
  planned: string
  failed: string
  confidential: string
  /** Single-series bars (tags): the app's accent. */
  accent: string
}

const LIGHT: ChartPalette = {
  kinds: { post: '#0072b2', talk: '#d55e00', link: '#009e73', note: '#cc79a7' },
  text: '#1f1e1c',
  muted: '#6b6760',
  grid: '#e2ded7',
  surface: '#ffffff',
  heat: ['#ebe8e2', '#f5c6b8', '#e88f75', '#cf5f40', '#9c3a22'],
  published: '#2e7d4f',
  planned: '#0072b2',
  failed: '#b3261e',
  confidential: '#8a5a00',
  accent: '#b5452f',
}

const DARK: ChartPalette = {
  kinds: { post: '#56b4e9', talk: '#f0a35e', link: '#3fcfa0', note: '#e59ccb' },
  text: '#ecebe8',
  muted: '#a19f9a',
  grid: '#3a3a3f',
  surface: '#232326',
  heat: ['#2f2f34', '#5b3a31', '#8e4a36', '#c8613f', '#f08a66'],
  published: '#6fcf97',
  planned: '#56b4e9',
  failed: '#f2877f',
  confidential: '#e8b64c',
  accent: '#e7795f',
}

export function chartPalette(theme: 'light' | 'dark'): ChartPalette {
  return theme === 'dark' ? DARK : LIGHT
}
