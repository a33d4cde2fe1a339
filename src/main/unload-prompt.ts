import { dialog, type BrowserWindow } from 'electron';

/**
 * The renderer's beforeunload guard (Config editor with unsaved edits) in Electron: Chromium shows
 * no prompt of its own there and would silently keep the window open, so ask, as a browser would.
 */
export function promptBeforeUnload(win: BrowserWindow): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'Leave with unsaved changes?',
      detail: 'The Config editor has edits that are not applied to the lab.',
    });
    // preventDefault here overrides the page's beforeunload: the window closes or reloads.
    if (choice === 0) event.preventDefault();
  });
}
