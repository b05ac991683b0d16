/**
 * next-intl's default time zone for formatting inside messages, worked out once per process
 * instead of once per request (building an Intl.DateTimeFormat to read it showed in the warm
 * page's profile).
 */
export const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
