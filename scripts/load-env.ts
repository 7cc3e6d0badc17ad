// Scripts read .env files the same way Next.js does, so both see the same settings.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());
