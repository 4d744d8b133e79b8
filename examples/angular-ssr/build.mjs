#!/usr/bin/env node
// `ng build` for this example without @angular/cli installed: Angular's Architect runs angular.json's build target
// (@angular/build:application, production), as the CLI does. With @angular/cli, run `ng build` here instead.
import { fileURLToPath } from 'node:url'
import { angularBuild } from '../../scripts/lib/angular-cli.mjs'

await angularBuild(fileURLToPath(new URL('.', import.meta.url)))
