export const CHROMIUM: string;
export function ensureBrowser(): void;
