/** How far an export has got: rows written, of how many when known. */
export function ExportProgress({ progress, total }: { progress: number; total: number | undefined }) {
  return (
    <span className="export-progress">
      <progress aria-label="Export progress" max={total ?? undefined} value={progress} />
      <span aria-live="polite">
        {progress.toLocaleString()}
        {total !== undefined ? ` of ${total.toLocaleString()}` : ''}
      </span>
    </span>
  );
}
