// yaml's logging as its CommonJS (Node) build does it, for the ES build the bundles use (see esbuild.mjs): a warning
// goes through `process.emitWarning`, so it prints, and can be silenced, as Node's own warnings.
export function debug(logLevel, ...messages) {
  if (logLevel === 'debug') console.log(...messages);
}

export function warn(logLevel, warning) {
  if (logLevel === 'debug' || logLevel === 'warn') {
    if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') process.emitWarning(warning);
    else console.warn(warning);
  }
}
