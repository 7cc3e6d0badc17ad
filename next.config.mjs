/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time rather than bundled: PGlite ships WebAssembly and data files,
  // pg-boss/pino spawn or load files relative to their own package, and undici (the SunCo client's HTTP) is a
  // Node-only library with nothing to gain from bundling; so is web-push (which requires a proxy agent only if asked).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "pg-boss", "pino", "undici", "web-push"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 for members who lack the role a page needs.
    authInterrupts: true,
  },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
