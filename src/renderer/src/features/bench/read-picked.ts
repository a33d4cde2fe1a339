/** Reads a file the user picked (suite to open). */
export function readPicked(input: HTMLInputElement): Promise<{ name: string; text: string } | undefined> {
  const file = input.files?.[0];
  if (!file) return Promise.resolve(undefined);
  return file.text().then((text) => ({ name: file.name, text }));
}
