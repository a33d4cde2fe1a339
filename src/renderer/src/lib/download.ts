import type { ExportOutput } from '../../../contract/exports';

/** The bytes of a base64 string (atob gives one char per byte). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Saves an export through a Blob and an <a download>: Chromium and Electron's renderer both turn
 * it into a download (Electron's session asks where to save) without any Node API in the page.
 */
export function saveExport(out: Pick<ExportOutput, 'filename' | 'mime' | 'base64'>): void {
  const blob = new Blob([base64Bytes(out.base64)], { type: out.mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = out.filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
