// SunCo's refusals and outages in words an agent can act on: what SunCo said when it refused, and whether trying
// again may help. The outbox shows the same words on a failed message.
import { AppError, ConflictError, NotFoundError, UpstreamError } from "@/lib/errors";
import { SuncoError } from "@/lib/sunco";

/** SunCo's own error titles ("Message limit reached (locked)"), or the error's message when it sent none. */
export function suncoReason(error: SuncoError): string {
  return error.said || error.message;
}

/** `what` completes "SunCo refused to …", e.g. "pass control". Anything that is not a SunCo error passes through. */
export function suncoFailure(error: unknown, what: string): unknown {
  if (!(error instanceof SuncoError)) return error;
  if (error.kind === "auth") return new ConflictError("SunCo no longer accepts this connection's credentials: an admin must connect it again.");
  if (error.kind === "not_found") return new NotFoundError(`SunCo refused to ${what}: ${suncoReason(error)}`);
  if (error.transient) return new UpstreamError(`SunCo did not answer in time to ${what}; try again in a moment.`);
  return new ConflictError(`SunCo refused to ${what}: ${suncoReason(error)}`);
}

/** Runs a SunCo call, turning its failure into an AppError that says what could not be done. */
export async function callSunco<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const mapped = suncoFailure(error, what);
    throw mapped instanceof AppError ? mapped : error;
  }
}
