// The global Back row's group and words, shared with a screen that binds Esc/q itself for the
// same move (to tidy up as it goes): with the same group, keys and words, help shows one row.

export const BACK_GROUP = 'Everywhere';
export const BACK_HELP = 'Back to the previous screen';
