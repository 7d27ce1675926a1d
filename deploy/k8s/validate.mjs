#!/usr/bin/env node
// Offline validation of every manifest under deploy/k8s, with no cluster and no network:
//  1. the Kubernetes OpenAPI JSON schemas as compiled by `kubernetes-models` (types, required fields, enums,
//     int-or-string, formats), per document, by apiVersion and kind;
//  2. strict field names, as `kubeconform -strict` does: each document is type-checked by the TypeScript compiler
//     against `kubernetes-types`, whose object-literal checks reject any unknown field (a `readinesProbe` typo);
//  3. each kustomization.yaml: its resources exist, and every manifest file belongs to one kustomization
//     (except the *.example.yaml templates).
// Prints a JSON report; exits 1 when anything fails. Used by deploy/test/k8s-manifests.spec.ts.
//   node deploy/k8s/validate.mjs [dir]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? here);
const require = createRequire(import.meta.url);
const ts = require('typescript');

function yamlFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/** `apps/v1` → `apps/v1`; `v1` → `v1` (core); `networking.k8s.io/v1` → `networking.k8s.io/v1`. */
function modelPath(apiVersion, kind) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/** kubernetes-types drops the `.k8s.io` suffix and calls the core group `core`. */
function typesModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `kubernetes-types/${group.replace(/\.k8s\.io$/, '')}/${version}`;
}

const report = { dir: path.relative(process.cwd(), dir) || '.', files: [], documents: [], kustomizations: [], errors: [] };
const files = yamlFiles(dir).sort();
const manifests = [];

for (const file of files) {
  const relative = path.relative(dir, file);
  report.files.push(relative);
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const [index, document] of documents.entries()) {
    if (document.errors.length > 0) {
      report.errors.push(`${relative}#${index}: YAML: ${document.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    if (path.basename(file) === 'kustomization.yaml') {
      report.kustomizations.push({ file: relative, object });
      continue;
    }
    manifests.push({ file: relative, index, object });
  }
}

// 1. JSON schemas.
for (const { file, index, object } of manifests) {
  const entry = { file, index, apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name, errors: [] };
  report.documents.push(entry);
  if (!object.apiVersion || !object.kind) {
    entry.errors.push('apiVersion and kind are required');
    continue;
  }
  let Model;
  try {
    Model = (await import(modelPath(object.apiVersion, object.kind)))[object.kind];
  } catch {
    entry.errors.push(`unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    entry.errors.push(`schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// 2. Strict field names through TypeScript.
const virtualFiles = new Map();
manifests.forEach(({ object }, position) => {
  if (!object.apiVersion || !object.kind) return;
  const source = `import type { ${object.kind} as Manifest } from '${typesModule(object.apiVersion)}';\nexport const manifest: Manifest = ${JSON.stringify(object, null, 2)};\n`;
  virtualFiles.set(path.join(here, `__manifest_${position}.ts`), { source, position });
});
if (virtualFiles.size > 0) {
  const options = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => virtualFiles.get(name)?.source ?? readFile(name);
  host.fileExists = (name) => virtualFiles.has(name) || fileExists(name);
  host.getSourceFile = (name, language) => {
    const virtual = virtualFiles.get(name);
    return virtual ? ts.createSourceFile(name, virtual.source, language) : getSourceFile(name, language);
  };
  const program = ts.createProgram([...virtualFiles.keys()], options, host);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const virtual = diagnostic.file ? virtualFiles.get(diagnostic.file.fileName) : undefined;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (!virtual) {
      report.errors.push(`typescript: ${message}`);
      continue;
    }
    const line = diagnostic.start === undefined ? '' : ` (line ${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line})`;
    report.documents[virtual.position].errors.push(`strict${line}: ${message}`);
  }
}

// 3. Kustomizations.
const listed = new Map();
for (const { file, object } of report.kustomizations) {
  for (const resource of object.resources ?? []) {
    const target = path.join(path.dirname(file), resource);
    if (!existsSync(path.join(dir, target))) report.errors.push(`${file}: resource ${resource} does not exist`);
    listed.set(target, [...(listed.get(target) ?? []), file]);
  }
}
for (const file of new Set(manifests.map((m) => m.file))) {
  if (file.endsWith('.example.yaml')) continue;
  const owners = listed.get(file) ?? [];
  if (owners.length !== 1) report.errors.push(`${file} is listed in ${owners.length} kustomizations (expected exactly 1)`);
}

const failed = report.errors.length + report.documents.filter((document) => document.errors.length > 0).length;
report.ok = failed === 0;
console.log(JSON.stringify({ ...report, kustomizations: report.kustomizations.map((k) => k.file) }, null, 2));
process.exit(report.ok ? 0 : 1);
