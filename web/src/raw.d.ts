// Vite's raw imports: the exercise figures (web/src/figures/*.svg) arrive as SVG text.
declare module '*.svg?raw' {
  const text: string;
  export default text;
}
