/** Words of the connector-side assessment screens. `en` is typed from `ja`, so a word missing in English fails the type check. */
export const ja = {
} as const;

export const en: Record<keyof typeof ja, string> = {
};
