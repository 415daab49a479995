/** SHA-256 over every file under src/ (path and bytes, in path order), generated files left out. */
export function srcHash(root: string): string;
