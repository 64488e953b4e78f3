#!/usr/bin/env node
// The compiled CLI is bundled into dist/bundle/ (`npm run compile`); this file only starts it.
import { main } from '../dist/bundle/cli.js'

process.exitCode = await main(process.argv)
