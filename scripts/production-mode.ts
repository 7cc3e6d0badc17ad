// Imported first by commands that act on a deployment's data: production rules, or development ones with `--dev`.
import { declareModeFromArguments } from "./mode";

declareModeFromArguments();
