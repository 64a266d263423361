export function ensureWebBuilt(opts?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
