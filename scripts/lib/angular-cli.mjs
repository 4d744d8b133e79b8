// `ng build` without the `ng` binary: the Angular CLI's own Architect runs a workspace's build target, the way
// `ng build` does in that workspace. Used by the consumer apps (scripts/consumers.mjs) and the Angular CLI size
// figure (bench/angular-cli-size.mjs).
import { createRequire } from 'node:module'
import { join } from 'node:path'

/**
 * The angular.json of a workspace made by `ng new` (Angular 21: zoneless, no polyfills): one application `app`, its
 * `main.ts` and `index.html` in `src/`, built into `out/` by `@angular/build:application`; `options` adds to the
 * build options. Its production configuration is the one `ng build` uses.
 */
export const angularWorkspace = (options = {}) =>
  JSON.stringify({
    version: 1,
    cli: { analytics: false, cache: { enabled: false } },
    projects: {
      app: {
        projectType: 'application',
        root: '',
        sourceRoot: 'src',
        architect: {
          build: {
            builder: '@angular/build:application',
            options: {
              browser: 'src/main.ts',
              index: 'src/index.html',
              tsConfig: 'tsconfig.json',
              outputPath: { base: 'out', browser: '' },
              ...options,
            },
            configurations: { production: { optimization: true, outputHashing: 'all', sourceMap: false } },
          },
        },
      },
    },
  })

/** Runs the `build` target of project `app` in the workspace in `dir` (its angular.json), production configuration. */
export async function angularBuild(dir) {
  // CommonJS packages with directory entries (`…/node`), which ESM import cannot name.
  const require = createRequire(import.meta.url)
  const { Architect } = require('@angular-devkit/architect')
  const { WorkspaceNodeModulesArchitectHost } = require('@angular-devkit/architect/node')
  const { logging, schema, workspaces } = require('@angular-devkit/core')
  const { NodeJsSyncHost } = require('@angular-devkit/core/node')
  const host = workspaces.createWorkspaceHost(new NodeJsSyncHost())
  const { workspace } = await workspaces.readWorkspace(join(dir, 'angular.json'), host)
  const registry = new schema.CoreSchemaRegistry()
  registry.addPostTransform(schema.transforms.addUndefinedDefaults)
  const architect = new Architect(new WorkspaceNodeModulesArchitectHost(workspace, dir), registry)
  const logger = new logging.Logger('angular-cli')
  const messages = []
  logger.subscribe((entry) => messages.push(entry.message))
  // The builder resolves files against the process's working directory, as `ng build` run in the workspace does.
  const cwd = process.cwd()
  process.chdir(dir)
  try {
    const run = await architect.scheduleTarget(
      { project: 'app', target: 'build', configuration: 'production' },
      {},
      { logger },
    )
    const result = await run.result
    await run.stop()
    if (!result.success) throw new Error(`Angular build failed:\n${messages.join('\n')}`)
  } finally {
    process.chdir(cwd)
  }
}
