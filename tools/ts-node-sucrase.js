// A ts-node transpiler (ts-node's `transpiler` option, used only when transpileOnly is on) backed by
// sucrase: it strips types an order of magnitude faster than TypeScript's transpileModule, so
// `pulumi preview`/`up` start close to the cost of loading @pulumi/aws. Named from
// tsconfig.pulumi.json; type-checking stays with `npm test` (docs/performance.md).
"use strict";
const { transform } = require("sucrase");

exports.create = function create() {
  return {
    transpile(input, { fileName }) {
      const { code, sourceMap } = transform(input, {
        transforms: ["typescript", "imports"],
        filePath: fileName,
        sourceMapOptions: { compiledFilename: fileName },
      });
      return { outputText: code, sourceMapText: JSON.stringify(sourceMap) };
    },
  };
};
