import type { ReactNode } from "react";
import type { ActionState } from "@/lib/actions/action";

/**
 * What an action or a load from SunCo came to: the success message (or `success`), or the error with SunCo's own
 * codes and titles, announced to screen readers.
 */
interface Props<T> {
  result: ActionState<T>;
  success?: (data: T) => ReactNode;
  /** Repeat field errors in the message (when no form field shows them, e.g. a page's query). */
  withFieldErrors?: boolean;
}

export function Outcome<T>({ result, success, withFieldErrors }: Props<T>) {
  if (!result) return null;
  if (result.ok) {
    if (success) return <>{success(result.data)}</>;
    return result.message ? (
      <div className="alert success" role="status">
        {result.message}
      </div>
    ) : null;
  }
  return (
    <div className="alert error" role="alert">
      {result.error}
      {withFieldErrors && result.fieldErrors && ` ${Object.values(result.fieldErrors).flat().join(" ")}`}
      {result.details && result.details.length > 0 && (
        <ul className="sunco-errors" aria-label="What SunCo said">
          {result.details.map((detail, index) => (
            <li key={`${detail.code}-${index}`}>
              <code>{detail.code}</code> {detail.title}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
