// A failed SunCo call in words its reader can act on, written once for everyone who calls SunCo. An admin managing
// the app reads SunCo's codes and titles and whether the change may have happened anyway; an agent in a
// conversation reads what SunCo refused and whether trying again may help.
import { AppError, ConflictError, NotFoundError, UpstreamError } from "@/lib/errors";
import { SuncoError } from "./errors";

/** Who reads the explanation. */
export type SuncoFailureReader =
  | { audience: "admin" }
  | {
      audience: "agent";
      /** What SunCo was asked, completing "SunCo refused …": "to pass control", "to take the file", "the message". */
      asked: string;
      /** How often a job already tried (the outbox): said instead of "try again", naming what was not taken. */
      attempts?: number;
    };

export const FOR_ADMIN: SuncoFailureReader = { audience: "admin" };

const CREDENTIALS_REFUSED = "SunCo no longer accepts this connection's credentials: an admin must connect it again.";

function forAdmin(error: SuncoError): UpstreamError {
  const status = error.status ? `HTTP ${error.status}` : error.kind;
  const reasons = error.said;
  const explained = (message: string, httpStatus: number) =>
    new UpstreamError(message, httpStatus, `sunco_${error.kind}`, error.errors.map(({ code, title }) => ({ code, title })));
  switch (error.kind) {
    case "auth":
      return explained("SunCo refused this connection's credentials (401). Reconnect the app to restore access.", 502);
    case "not_found":
      return explained(`SunCo could not find it (${reasons || status}). It may have been changed outside Sunbridge: reload to see what exists now.`, 404);
    case "rate_limited":
      return explained("SunCo is limiting requests for this app right now (429). Nothing was changed; try again in a minute.", 503);
    case "client":
      return explained(`SunCo refused the request (${status}): ${reasons || "it gave no reason"}.`, 422);
    case "invalid_response":
      return explained(`SunCo's answer to ${error.operation} could not be read. Reload to see what exists now.`, 502);
    default:
      return error.mayHaveSucceeded
        ? explained(
            `SunCo did not confirm the change (${status}${reasons ? `: ${reasons}` : ""}); it may have been applied anyway. Reload to see what exists now before trying again.`,
            504,
          )
        : explained(`SunCo could not be reached (${status}). Nothing was changed; try again.`, 503);
  }
}

function forAgent(error: SuncoError, { asked, attempts }: { asked: string; attempts?: number }): AppError {
  if (error.kind === "auth") return new ConflictError(CREDENTIALS_REFUSED);
  // SunCo's own titles ("Message limit reached (locked)"), or the error's message when it sent none.
  const reason = error.said || error.message;
  if (error.transient) {
    return attempts === undefined
      ? new UpstreamError(`SunCo did not answer in time ${asked}; try again in a moment.`)
      : new UpstreamError(`SunCo did not take ${asked} after ${attempts} attempts: ${reason}`);
  }
  const message = `SunCo refused ${asked}: ${reason}`;
  return error.kind === "not_found" ? new NotFoundError(message) : new ConflictError(message);
}

/** A SunCo failure as the typed error actions, routes and pages show; anything else is returned as it is. */
export function explainSuncoFailure(error: SuncoError, reader?: SuncoFailureReader): AppError;
export function explainSuncoFailure(error: unknown, reader?: SuncoFailureReader): unknown;
export function explainSuncoFailure(error: unknown, reader: SuncoFailureReader = FOR_ADMIN): unknown {
  if (!(error instanceof SuncoError)) return error;
  return reader.audience === "admin" ? forAdmin(error) : forAgent(error, reader);
}

/** Runs calls to SunCo, a failure explained to `reader`. */
export async function explainingFailure<T>(reader: SuncoFailureReader, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainSuncoFailure(error, reader);
  }
}
