/** Stylesheets are bundled as minified text (see build.ts) and adopted by the widget's shadow root. */
declare module '*.css' {
  const css: string;
  export default css;
}
