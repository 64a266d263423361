export const CHROMIUM: string;
export function ensureBrowser(): void;
export function ensurePdfTools(): void;
