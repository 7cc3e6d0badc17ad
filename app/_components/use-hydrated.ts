"use client";
// Whether React has hydrated this page: false in the server's render and the first render in the browser, true after.
import { useSyncExternalStore } from "react";

const never = () => () => undefined;

export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false);
}
