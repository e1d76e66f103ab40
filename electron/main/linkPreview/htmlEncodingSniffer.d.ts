// html-encoding-sniffer ships no types; this is its whole API (see its README).
declare module 'html-encoding-sniffer' {
  /** The canonical name of the encoding (e.g. "windows-1252"), per the HTML Standard's sniffing algorithm. */
  export default function sniffHTMLEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string
}
