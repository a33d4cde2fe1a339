/** The engine's message for one field, under it; announced when it appears. Nothing when there is none. */
export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}
