// Types for cssTokens.mjs, which ESLint loads as plain JavaScript from eslint.config.js.
export declare const RULE_ID: string;
export interface CssLiteral {
  line: number;
  column: number;
  message: string;
}
export declare function findLiterals(css: string): CssLiteral[];
export declare const cssTokensPlugin: unknown;
