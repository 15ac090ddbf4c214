// One autocannon run for bin/bench-http (tests/bench/http_load.py), with the request paths varied.
// autocannon's command line sends one path; its API takes a setupRequest hook, so each request
// here draws its path at random from a list (random pet ids, random genomes).
//   node autocannon_run.js CONFIG.json   CONFIG: {url, paths: [...], connections, duration, warmup}
// Prints autocannon's result as JSON on stdout (latency in ms, requests per second).
'use strict'
const fs = require('fs')
const autocannon = require('autocannon')

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const paths = config.paths
const pick = () => paths[Math.floor(Math.random() * paths.length)]

autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.duration,
  requests: [{ setupRequest: (request) => ({ ...request, path: pick() }) }]
}, (error, result) => {
  if (error) {
    console.error(String(error))
    process.exit(1)
  }
  process.stdout.write(JSON.stringify(result) + '\n')
})
