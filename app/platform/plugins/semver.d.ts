// Minimal types for `semver` (a transitive dependency) until @types/semver is installed.
declare module 'semver' {
  const semver: {
    valid(version: string): string | null
    validRange(range: string): string | null
    satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean
  }
  export default semver
}
