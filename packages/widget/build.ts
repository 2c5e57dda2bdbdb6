import { readFile } from 'node:fs/promises';
import { build, transform, type Plugin } from 'esbuild';

/** Imports of .css become the minified stylesheet as a string, for the shadow root: no separate file, no global styles. */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), {
        loader: 'css',
        minify: true,
        target: ['chrome90', 'firefox90', 'safari15'],
      });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

await build({
  entryPoints: ['src/widget.ts'],
  bundle: true,
  minify: true,
  format: 'iife',
  // Private class members and .at() need ES2022: Chrome 92+, Firefox 90+, Safari 15.4+.
  target: ['es2022'],
  outfile: 'dist/widget.js',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [cssAsText],
});
