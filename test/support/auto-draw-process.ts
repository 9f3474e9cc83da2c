// A process of its own running the auto-draw function, for a test to SIGKILL mid-draw.
// Usage: auto-draw-process.ts <lease ms>. Prints "ready" once its stream position is fixed.
import { startAutoDrawRunner } from "./auto-draw-runner";

await startAutoDrawRunner(Number(process.argv[2]));
process.stdout.write("\nready\n");
