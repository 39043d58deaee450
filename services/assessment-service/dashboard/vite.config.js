import { defineConfig } from 'vite';

// Built by Maven (exec-maven-plugin, generate-resources) into the service's classpath: the service serves
// the page at /assessment/, and the gateway routes /assessment/** to it.
export default defineConfig({
  base: '/assessment/',
  build: {
    outDir: '../target/classes/static/assessment',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
