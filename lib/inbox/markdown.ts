// SunCo's markdown subset for text messages, parsed into a small tree that the thread renders as React elements:
// never HTML, so nothing in a message can become markup. Blocks: paragraphs, bulleted and numbered lists, fenced
// code. Inline: **bold** / __bold__, *italic* / _italic_, ~~strikethrough~~, `code`, [links](https://…) and bare
// http(s) addresses. Links go only to http(s) and mailto addresses; anything else stays text.

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong" | "em" | "del"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "code"; text: string };

const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s]+$/i;

/** The href if it is safe to link to, else null. */
export function safeHref(href: string): string | null {
  return SAFE_HREF.test(href) ? href : null;
}

// Tried in order at each position; the first that matches there wins.
const INLINE_RULES: { pattern: RegExp; build: (match: RegExpExecArray) => Inline }[] = [
  { pattern: /^`([^`\n]+)`/, build: (m) => ({ type: "code", text: m[1]! }) },
  {
    pattern: /^\[([^\]\n]+)\]\(([^)\s]+)\)/,
    build: (m) => {
      const href = safeHref(m[2]!);
      return href ? { type: "link", href, children: parseInline(m[1]!) } : { type: "text", text: m[0] };
    },
  },
  { pattern: /^(?:https?:\/\/)[^\s<>()]*[^\s<>().,;:!?'"]/i, build: (m) => ({ type: "link", href: m[0], children: [{ type: "text", text: m[0] }] }) },
  { pattern: /^\*\*(?=\S)([^\n]*?\S)\*\*/, build: (m) => ({ type: "strong", children: parseInline(m[1]!) }) },
  { pattern: /^__(?=\S)([^\n]*?\S)__/, build: (m) => ({ type: "strong", children: parseInline(m[1]!) }) },
  { pattern: /^~~(?=\S)([^\n]*?\S)~~/, build: (m) => ({ type: "del", children: parseInline(m[1]!) }) },
  { pattern: /^\*(?=[^\s*])([^\n*]*?[^\s*])\*/, build: (m) => ({ type: "em", children: parseInline(m[1]!) }) },
  // Underscores inside words (snake_case) are not emphasis.
  { pattern: /^_(?=[^\s_])([^\n_]*?[^\s_])_(?![\w])/, build: (m) => ({ type: "em", children: parseInline(m[1]!) }) },
];

function pushText(nodes: Inline[], text: string) {
  const last = nodes.at(-1);
  if (last?.type === "text") last.text += text;
  else nodes.push({ type: "text", text });
}

export function parseInline(source: string): Inline[] {
  const nodes: Inline[] = [];
  let rest = source;
  let previous = "";
  while (rest.length > 0) {
    if (rest[0] === "\n") {
      nodes.push({ type: "break" });
      rest = rest.slice(1);
      previous = "\n";
      continue;
    }
    // Emphasis starts only where a word does not continue (no_emphasis_here).
    const canOpen = !/\w/.test(previous);
    const rule = INLINE_RULES.find((r) => (canOpen || !/^[*_~]/.test(rest)) && r.pattern.test(rest));
    const match = rule?.pattern.exec(rest);
    if (rule && match) {
      nodes.push(rule.build(match));
      rest = rest.slice(match[0].length);
      previous = match[0].at(-1)!;
    } else {
      pushText(nodes, rest[0]!);
      previous = rest[0]!;
      rest = rest.slice(1);
    }
  }
  return nodes;
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimStart().startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i += 1; i < lines.length && !lines[i]!.trimStart().startsWith("```"); i++) code.push(lines[i]!);
      blocks.push({ type: "code", text: code.join("\n") });
      continue;
    }
    const listKind = BULLET.test(line) ? "bullet" : NUMBERED.test(line) ? "numbered" : null;
    if (listKind) {
      flush();
      const pattern = listKind === "bullet" ? BULLET : NUMBERED;
      const items: Inline[][] = [];
      for (; i < lines.length && pattern.test(lines[i]!); i++) items.push(parseInline(pattern.exec(lines[i]!)![1]!));
      i -= 1;
      blocks.push({ type: "list", ordered: listKind === "numbered", items });
      continue;
    }
    if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}
