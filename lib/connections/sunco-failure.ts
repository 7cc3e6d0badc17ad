// A failed SunCo call, told to the person who asked for it: SunCo's own codes and titles, and whether the change
// may have happened anyway, so that nothing is left half-applied without anyone knowing.
import { UpstreamError } from "@/lib/errors";
import { SuncoError } from "@/lib/sunco";

function explain(error: SuncoError): { message: string; status: number } {
  const status = error.status ? `HTTP ${error.status}` : error.kind;
  const reasons = error.said;
  switch (error.kind) {
    case "auth":
      return { message: "SunCo refused this connection's credentials (401). Reconnect the app to restore access.", status: 502 };
    case "not_found":
      return {
        message: `SunCo could not find it (${reasons || status}). It may have been changed outside Sunbridge: reload to see what exists now.`,
        status: 404,
      };
    case "rate_limited":
      return { message: "SunCo is limiting requests for this app right now (429). Nothing was changed; try again in a minute.", status: 503 };
    case "client":
      return { message: `SunCo refused the request (${status}): ${reasons || "it gave no reason"}.`, status: 422 };
    case "invalid_response":
      return { message: `SunCo's answer to ${error.operation} could not be read. Reload to see what exists now.`, status: 502 };
    default:
      return error.mayHaveSucceeded
        ? {
            message: `SunCo did not confirm the change (${status}${reasons ? `: ${reasons}` : ""}); it may have been applied anyway. Reload to see what exists now before trying again.`,
            status: 504,
          }
        : { message: `SunCo could not be reached (${status}). Nothing was changed; try again.`, status: 503 };
  }
}

/** A SunCo failure as the typed error pages and actions show; anything else is returned as it is. */
export function explainSuncoFailure(error: unknown): unknown {
  if (!(error instanceof SuncoError)) return error;
  const { message, status } = explain(error);
  return new UpstreamError(
    message,
    status,
    `sunco_${error.kind}`,
    error.errors.map(({ code, title }) => ({ code, title })),
  );
}
