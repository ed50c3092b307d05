import { spawn } from 'node:child_process'
import { hooks } from '@adonisjs/core/app'

/**
 * Assembler buildStarting hook: `node ace build` writes only the static index
 * files, while `toRoute('name')` and friends are typed from
 * .adonisjs/server/routes.d.ts, which needs the booted app. Without it a clean
 * clone fails type-checking. Runs `node ace codegen` with the committed test
 * settings (.env.test), as `npm run typecheck` does, so the build needs no .env.
 */
export default hooks.buildStarting(async (parent) => {
  parent.ui.logger.info('generating route types', { suffix: 'ace codegen' })
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', 'codegen'], {
      cwd: parent.cwdPath,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'test' },
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`"node ace codegen" exited with ${code}`))
    )
  })
})
