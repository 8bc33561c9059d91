// GraphiQL's dependencies (framer-motion, radix, headlessui) mark their modules "use client", a
// directive for React server components that means nothing in this single-page bundle; the
// bundler's hundred warnings about dropping it would hide a real one.
export default {
  build: {
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
};
