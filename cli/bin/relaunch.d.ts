// Types of relaunch.js for TypeScript importers (bench/node/weft.ts, tests).

/** The V8 flags `weft node` runs with; see relaunch.js for why. */
export declare const NODE_HEAP_FLAGS: readonly string[];

/** Whether this process is `weft node` and should start itself again with NODE_HEAP_FLAGS. */
export declare function needsRelaunch(argv?: readonly string[], execArgv?: readonly string[], env?: NodeJS.ProcessEnv): boolean;

/** Starts `weft node` again with NODE_HEAP_FLAGS, forwards SIGINT, SIGTERM and SIGHUP, and exits with its code. */
export declare function relaunch(execPath?: string): void;
