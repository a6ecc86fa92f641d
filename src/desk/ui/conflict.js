// The conflict dialog: the file changed on disk after the editor opened
// it. Both versions are shown whole, side by side, and the editor chooses:
// take the disk's (drop mine), write mine over it, or decide later.

const $ = (id) => document.getElementById(id);

/** Resolves to 'disk', 'yours' or 'cancel'. */
export function askConflict({ disk_text: disk, your_text: yours }) {
  const dialog = $('conflict');
  $('conflict-disk').value = disk ?? '';
  $('conflict-yours').value = yours ?? '';
  return new Promise((resolve) => {
    const done = (choice) => () => {
      for (const [b, f] of handlers) b.removeEventListener('click', f);
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      resolve(choice);
    };
    const handlers = [['conflict-take-disk', 'disk'], ['conflict-take-yours', 'yours'], ['conflict-cancel', 'cancel']]
      .map(([id, choice]) => [$(id), done(choice)]);
    for (const [b, f] of handlers) b.addEventListener('click', f);
    const onCancel = (e) => { e.preventDefault(); handlers[2][1](); };
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    $('conflict-cancel').focus();
  });
}
