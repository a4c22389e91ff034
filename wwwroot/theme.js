// Remembers the theme in this browser for a year, for the pages seen signed out (sign-in, not found).
export function remember(dark) {
    document.cookie = `sgd-theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
}
