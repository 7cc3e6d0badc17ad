"use client";
// Swagger UI's rendering of /api/v1/openapi.json, started after React has hydrated the page: started earlier, it
// filled a node React then found unexpected (a hydration mismatch), and React's recovery render wiped it. React renders
// this node empty and never touches its children, so Swagger UI owns them.
import { useEffect, useRef } from "react";

type SwaggerUIBundle = (options: { url: string; domNode: HTMLElement; deepLinking: boolean; tryItOutEnabled: boolean }) => unknown;

/** How long to wait for the bundle's deferred script before giving up (it is served by the app itself). */
const WAIT_MS = 30_000;
const POLL_MS = 50;

export function SwaggerReference() {
  const node = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = Date.now() + WAIT_MS;
    const start = () => {
      const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundle }).SwaggerUIBundle;
      if (bundle && node.current) bundle({ url: "/api/v1/openapi.json", domNode: node.current, deepLinking: true, tryItOutEnabled: false });
      else if (Date.now() < deadline) timer = setTimeout(start, POLL_MS);
    };
    start();
    return () => clearTimeout(timer);
  }, []);
  return <div id="swagger-ui" ref={node} />;
}
