/**
 * Empty on purpose. Without a file of its own here, the build picks up the dashboard's
 * instrumentation.ts from the folder above (and the fixture would run its start-up checks).
 */
export function register() {}
