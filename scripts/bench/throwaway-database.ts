// The benchmarks' database: a fresh one on BENCH_DATABASE_URL's server (else TEST_DATABASE_URL's, else the local
// one), created before a run and dropped after it, whatever happened.
import { throwawayDatabase } from "@/lib/db/throwaway-database";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5433/postgres";

export const benchDatabase = () => throwawayDatabase(SERVER_URL, "sunbridge_bench");
