// A reporter for node's test runner (test/run-tests.mjs adds it beside the spec reporter): writes, as one JSON
// object, how long each test file's top-level tests took in all, in milliseconds, by file. Time spent loading a file
// before its first test is not in it; the runner only needs the files' order of length.
export default async function* durations(source) {
  const byFile = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, nesting, details } = event.data;
    if (file === undefined || nesting !== 0) continue;
    byFile[file] = (byFile[file] ?? 0) + (details?.duration_ms ?? 0);
  }
  yield JSON.stringify(byFile);
}
