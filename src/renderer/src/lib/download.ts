import type { ExportOutput } from '../../../contract/exports';

/** The bytes of a base64 string (atob gives one char per byte). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Saves a Blob through an <a download>: Chromium and Electron's renderer both turn it into a
 * download (Electron's session asks where to save) without any Node API in the page.
 */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves an engine export (bytes as base64). */
export function saveExport(out: Pick<ExportOutput, 'filename' | 'mime' | 'base64'>): void {
  saveBlob(out.filename, new Blob([base64Bytes(out.base64)], { type: out.mime }));
}

/** Saves text as a file download (suite YAML, CSV, reports). */
export function saveText(filename: string, text: string, mime = 'text/plain'): void {
  saveBlob(filename, new Blob([text], { type: mime }));
}
