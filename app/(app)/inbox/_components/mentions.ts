// @mentions in the note composer: which `@…` is being typed at the caret, who it may name, and putting the name in.

export interface Mentionable {
  id: string;
  name: string;
}

/** The `@query` that ends at the caret (after a space or the start), or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  return match ? { start: match.index + match[1]!.length, query: match[2]! } : null;
}

const MAX_OPTIONS = 8;

/** Members whose name contains the query (any case), names starting with it first; never oneself. */
export function mentionOptions(members: readonly Mentionable[], query: string, me: string): Mentionable[] {
  const wanted = query.toLowerCase();
  return members
    .filter((member) => member.id !== me && member.name.toLowerCase().includes(wanted))
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(wanted)) - Number(!b.name.toLowerCase().startsWith(wanted)))
    .slice(0, MAX_OPTIONS);
}

/** The text with `@query` replaced by `@Name `, and where the caret goes. */
export function insertMention(text: string, at: { start: number; query: string }, member: Mentionable): { text: string; caret: number } {
  const inserted = `@${member.name} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + inserted + text.slice(end).replace(/^ /, ""), caret: at.start + inserted.length };
}

/** The picked members still named in the text: what the note mentions. */
export function mentionedIn(text: string, picked: readonly Mentionable[]): Mentionable[] {
  return picked.filter((member, i) => text.includes(`@${member.name}`) && picked.findIndex((other) => other.id === member.id) === i);
}

/** The note's text cut into plain runs and mentions, for highlighting (longest names first, so no name hides another). */
export function splitMentions(text: string, mentions: readonly { userId: string; name: string }[]): { text: string; mention?: string }[] {
  const names = [...new Set(mentions.map((mention) => mention.name))].sort((a, b) => b.length - a.length);
  if (names.length === 0) return [{ text }];
  const pattern = new RegExp(`@(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "g");
  const parts: { text: string; mention?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], mention: match[0].slice(1) });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
