// autocannon runs for bin/bench-http (tests/bench/http_load.py), one after another in one
// process, each request's path drawn at random from the run's list. autocannon's command
// line sends one path; its API takes a setupRequest hook, which draws the path here.
//   node autocannon_run.js CONFIG.json
//   CONFIG: {"url": ..., "connections": 16, "pause": 1, "runs": [{"paths": [...], "duration": 10}, ...]}
// Prints one JSON array on stdout: autocannon's result for each run (latency in ms).
// Between runs it pauses `pause` seconds: the server finishes the requests its threads had
// already taken (a slow endpoint's, e.g. PNG renders) before the next run is timed.
'use strict'
const fs = require('fs')
const autocannon = require('autocannon')

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))

function run ({ paths, duration }) {
  const pick = () => paths[Math.floor(Math.random() * paths.length)]
  return autocannon({
    url: config.url,
    connections: config.connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: pick() }) }]
  })
}

async function main () {
  const results = []
  for (const [index, spec] of config.runs.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, 1000 * config.pause))
    results.push(await run(spec))
  }
  process.stdout.write(JSON.stringify(results) + '\n')
}

main().catch((error) => {
  console.error(String(error))
  process.exit(1)
})
