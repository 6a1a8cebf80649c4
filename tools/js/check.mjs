// The JavaScript toolchain a portal in another language uses, run against this project's JSON
// Schemas: ajv (draft 2020-12, strict) with ajv-formats, js-yaml to read the catalog's YAML files
// as a JavaScript program or an editor does (YAML 1.1 timestamps included), and
// json-schema-to-typescript. tests/test_schema_consumers.py runs it and reads the JSON it prints.
//
//   node check.mjs validate SCHEMA FILE...   each FILE (.json, or YAML read by js-yaml) against SCHEMA
//   node check.mjs types SCHEMA...           the TypeScript declarations generated from each SCHEMA
//
// Both print one JSON object, keyed by FILE or SCHEMA: ajv's errors (none: []), or the declarations.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import yaml from "js-yaml";
import { compile } from "json-schema-to-typescript";

const [command, ...paths] = process.argv.slice(2);
const readSchema = (path) => JSON.parse(readFileSync(path, "utf8"));

function read(file) {
  const text = readFileSync(file, "utf8");
  return file.endsWith(".json") ? JSON.parse(text) : yaml.load(text);
}

if (command === "validate") {
  const [schemaPath, ...files] = paths;
  const schema = readSchema(schemaPath);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const results = {};
  for (const file of files) {
    results[file] = validate(read(file))
      ? []
      : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
  }
  console.log(JSON.stringify(results));
} else if (command === "types") {
  const results = {};
  for (const schemaPath of paths) {
    const schema = readSchema(schemaPath);
    results[schemaPath] = await compile(schema, schema.title, { bannerComment: "" });
  }
  console.log(JSON.stringify(results));
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
