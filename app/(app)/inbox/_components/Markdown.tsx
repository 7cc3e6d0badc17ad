// Renders SunCo's markdown subset (lib/inbox/markdown.ts) as React elements: text stays text, never markup.
import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Inline } from "@/lib/inbox/markdown";

function inline(nodes: Inline[]): ReactNode {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return <Fragment key={index}>{node.text}</Fragment>;
      case "break":
        return <br key={index} />;
      case "code":
        return <code key={index}>{node.text}</code>;
      case "strong":
        return <strong key={index}>{inline(node.children)}</strong>;
      case "em":
        return <em key={index}>{inline(node.children)}</em>;
      case "del":
        return <del key={index}>{inline(node.children)}</del>;
      case "link":
        return (
          <a key={index} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(node.children)}
          </a>
        );
    }
  });
}

export function Markdown({ text }: { text: string }) {
  return parseMarkdown(text).map((block, index) => {
    switch (block.type) {
      case "paragraph":
        return <p key={index}>{inline(block.children)}</p>;
      case "code":
        return (
          <pre key={index}>
            <code>{block.text}</code>
          </pre>
        );
      case "list": {
        const List = block.ordered ? "ol" : "ul";
        return (
          <List key={index}>
            {block.items.map((item, i) => (
              <li key={i}>{inline(item)}</li>
            ))}
          </List>
        );
      }
    }
  });
}
