declare module '@vercel/ncc' {
  interface NccOptions {
    esm?: boolean;
    transpileOnly?: boolean;
    quiet?: boolean;
    minify?: boolean;
    sourceMap?: boolean;
    cache?: boolean | string;
    license?: string;
    target?: string;
    externals?: string[];
  }
  interface NccAsset {
    source: string | Buffer;
    permissions?: number;
  }
  export default function ncc(
    entry: string,
    options?: NccOptions,
  ): Promise<{ code: string; assets: Record<string, NccAsset> }>;
}
