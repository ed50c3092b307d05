/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| TypeScript is compiled on the fly by @poppinss/ts-exec; after
| `node ace build` the compiled bin/console.js is used instead.
|
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
