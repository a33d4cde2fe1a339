/** Saves text as a file download (suite YAML, CSV, reports), as the browser and Electron both allow. */
export function saveText(filename: string, text: string, mime = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a file the user picked (suite to open). */
export function readPicked(input: HTMLInputElement): Promise<{ name: string; text: string } | undefined> {
  const file = input.files?.[0];
  if (!file) return Promise.resolve(undefined);
  return file.text().then((text) => ({ name: file.name, text }));
}
