"use client";
// Keeps the composer above the on-screen keyboard where the browser does not shrink the layout for it (iOS Safari):
// the keyboard's height, from visualViewport, becomes --keyboard-inset, which the inbox leaves free at its bottom.
// Browsers that resize the layout (Chrome with interactive-widget=resizes-content, see app/layout.tsx) report 0.
import { useEffect } from "react";

export function KeyboardInset() {
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const root = document.documentElement;
    const update = () => {
      const covered = Math.max(0, window.innerHeight - viewport.height - viewport.offsetTop);
      root.style.setProperty("--keyboard-inset", `${Math.round(covered)}px`);
    };
    update();
    viewport.addEventListener("resize", update);
    viewport.addEventListener("scroll", update);
    return () => {
      viewport.removeEventListener("resize", update);
      viewport.removeEventListener("scroll", update);
      root.style.removeProperty("--keyboard-inset");
    };
  }, []);
  return null;
}
