// Types for findBrowser.mjs, which plain Node runs before any TypeScript tooling is loaded.
export declare const CHROMIUM_ARGS: string[];
export declare const SYSTEM_PATHS: string[];
export declare const PACKAGED_CACHE_DIR: string;
export declare function isExecutableFile(path: string): boolean;
export declare function packagedChromium(options?: { cacheDir?: string }): Promise<{ path: string; version: string } | null>;
export type FoundBrowser = { path: string; source: string; error?: undefined } | { error: string; path?: undefined; source?: undefined };
export declare function findBrowser(options?: {
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  systemPaths?: string[];
  playwright?: boolean;
  download?: boolean;
  cacheDir?: string;
}): Promise<FoundBrowser>;
