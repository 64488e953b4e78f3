// Watching the lessons folder (and the templates) for `shellbook dev`: a burst of changes
// (an editor writes a temporary file, renames it, touches the folder) becomes one call.
import { watch, type FSWatcher } from 'node:fs'

export function watchFolders(folders: readonly string[], onChange: (changed: string[]) => void, quietMs = 25): () => void {
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, name) => {
      const changed = name ? `${folder}/${name}` : folder
      // The build's own files (its lock, captures.json and its temporary copy) are not edits.
      if (/(^|\/)\.shellbook\.lock|\.tmp-|captures\.json/.test(changed)) return
      pending.add(changed)
      clearTimeout(timer)
      timer = setTimeout(() => {
        const batch = [...pending]
        pending = new Set()
        onChange(batch)
      }, quietMs)
    }),
  )
  return () => {
    clearTimeout(timer)
    for (const watcher of watchers) watcher.close()
  }
}
