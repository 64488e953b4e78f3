#!/usr/bin/env node
// The compiled CLI lives in dist/ (`npm run compile`); this file only starts it.
import { main } from '../dist/cli.js'

process.exitCode = await main(process.argv)
