// A VAPID key pair for processes that run with production rules but send no real pushes (the end-to-end server, the
// benchmarks, the test suite): production requires one (lib/env.ts). Never use it for a real deployment.
export const TEST_VAPID_SETTINGS = {
  VAPID_PUBLIC_KEY: "BJhR11nZnUkFxdFbAb0-0PcVzwwmjFq3p4csYA4dJQvopqbPdedwQb0YgJpeGYnWtZ1aybo7ZytWmX5EHgO-wYA",
  VAPID_PRIVATE_KEY: "7HtIJHY-eOi7tkvTBnddgG5Zlluh1-xz_UPD3S6b_Zg",
} as const;
