// Whether SunCo's reason for a failed delivery is WhatsApp's 24-hour customer care window: outside it WhatsApp takes
// only an approved template (Cloud API error 131047, reported in conversation:message:delivery:failure). Pure, for
// the composer too.
const WINDOW_CLOSED = /#131047\b|re-engagement message/i;

export function needsTemplate(reason: string | null | undefined): boolean {
  return !!reason && WINDOW_CLOSED.test(reason);
}
