import "server-only";
// Which form field a unique index of social_accounts belongs to, and the message key to show there.
export const accountConflicts: Record<string, [string, string]> = {
  social_accounts_platform_handle_key: ["handle", "handleTaken"],
  social_accounts_platform_platform_account_id_key: ["platformAccountId", "platformAccountIdTaken"],
};
