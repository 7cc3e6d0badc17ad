// Imported first by developer tools (the standalone sandbox, the demo seed, benchmarks): development defaults.
import { declareMode } from "./mode";

declareMode("development");
