// TypeDoc plugin for the constructs reference, docs/constructs.md (see typedoc.json and scripts/constructs-reference.ts).
import { readFileSync } from 'node:fs';
import { Application, Converter, ReflectionKind } from 'typedoc';
import ts from 'typescript';

const PROJECT = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).name;

/**
 * Shows an optional prop's type alias by name. TypeDoc converts the prop's type `T | undefined`, a union that
 * keeps no alias of a mapped type: `gateWaivers?: GateWaivers` would show `Readonly<Partial<Record<...>>>` with
 * every rule id spelled out, in each props interface that extends WorkloadProps.
 */
function keepTypeAlias(context, reflection) {
  if (!reflection.kindOf(ReflectionKind.Property) || !reflection.flags.isOptional) return;
  const written = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.type;
  if (!written || !ts.isTypeReferenceNode(written)) return;
  const named = context.checker.getSymbolAtLocation(written.typeName);
  const symbol = named && named.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(named) : named;
  if (symbol && symbol.flags & ts.SymbolFlags.TypeAlias) reflection.type = context.converter.convertType(context.withScope(reflection), written);
}

/**
 * Links a type of this project that the API names but lib/index.ts does not export (the classes `cdk8s import`
 * generated in imports/, the gate's rule ids) to its source file, relative to docs/.
 */
function linkToSource(_reference, _reflection, _part, symbolId) {
  return symbolId?.packageName === PROJECT ? `../${symbolId.packagePath}` : undefined;
}

/** Warns about each optional prop of a props interface that does not say, with `@default`, what leaving it out means. */
function requireDefaults(app, project) {
  for (const prop of project.getReflectionsByKind(ReflectionKind.Property)) {
    if (!prop.parent?.kindOf(ReflectionKind.Interface) || !prop.flags.isOptional || prop.inheritedFrom) continue;
    if (!prop.comment?.getTag('@default') && !prop.comment?.getTag('@defaultValue')) {
      app.logger.warn(`${prop.getFriendlyFullName()} is optional but documents no @default`);
    }
  }
}

export function load(app) {
  // TypeDoc reads the comments of the imports/ classes the API names, which carry `cdk8s import`'s @schema tag.
  app.on(Application.EVENT_BOOTSTRAP_END, () => app.options.setValue('blockTags', [...app.options.getValue('blockTags'), '@schema']));
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, keepTypeAlias);
  app.converter.addUnknownSymbolResolver(linkToSource);
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => requireDefaults(app, project));
}
