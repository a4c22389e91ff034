using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SgDesigner.Data.Store;

/// <summary>
/// Turns a constraint violation reported by either provider into a typed failure. The store checks input
/// before writing, so these are the races and the cases a check cannot see (a name taken a moment ago).
/// </summary>
internal static class DatabaseErrors
{
    public static StoreFailure? Classify(DbUpdateException exception)
    {
        switch (exception)
        {
            case DbUpdateConcurrencyException:
                return StoreFailure.Conflict("someone else changed this first; reload and try again");
            case StoredTextException text:
                return StoreFailure.Invalid(text.Errors);
        }
        return exception.InnerException switch
        {
            // PostgreSQL SQLSTATE: https://www.postgresql.org/docs/15/errcodes-appendix.html
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => Unique(pg.ConstraintName),
            PostgresException { SqlState: PostgresErrorCodes.CheckViolation } pg => Check(pg.ConstraintName),
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg =>
                StoreFailure.Invalid("reference", $"a reference does not resolve ({pg.ConstraintName})"),
            // SQLite extended result codes: https://www.sqlite.org/rescode.html
            SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } lite => Unique(lite.Message),
            SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 275 } lite => Check(lite.Message),
            SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 787 } =>
                StoreFailure.Invalid("reference", "a reference does not resolve"),
            _ => null,
        };
    }

    private static StoreFailure Unique(string? detail) => detail switch
    {
        { } d when d.Contains("Policies", StringComparison.Ordinal) && d.Contains("NormalizedName", StringComparison.Ordinal) =>
            StoreFailure.Invalid("name", "a policy with this name already exists (names are unique ignoring case)"),
        { } d when d.Contains("SecurityGroups", StringComparison.Ordinal) =>
            StoreFailure.Invalid("groups.name", "another group in this VPC already has this name (unique per VPC, ignoring case)"),
        { } d when d.Contains("Revisions", StringComparison.Ordinal) =>
            StoreFailure.Conflict("another revision was published at the same time; reload and try again"),
        { } d when d.Contains("PolicyMemberships", StringComparison.Ordinal) =>
            StoreFailure.Invalid("userId", "the user is already a member of this policy; change their role instead"),
        { } d when d.Contains("ChangeRequests", StringComparison.Ordinal) =>
            StoreFailure.Conflict("another change request was opened at the same time, or this draft already has one; reload and try again"),
        { } d when d.Contains("FindingAcceptances", StringComparison.Ordinal) =>
            StoreFailure.Conflict("someone else accepted this finding at the same time; reload to see their reason"),
        { } d when d.Contains("UserNameIndex", StringComparison.Ordinal) || d.Contains("AspNetUsers", StringComparison.Ordinal) =>
            StoreFailure.Invalid("email", "an account with this e-mail address already exists"),
        _ => StoreFailure.Invalid("id", $"an id is used twice ({detail})"),
    };

    private static StoreFailure Check(string? detail) => detail switch
    {
        { } d when d.Contains("PortRange", StringComparison.Ordinal) => StoreFailure.Invalid("rules.fromPort", "a tcp/udp port range must be 0..65535 with from ≤ to"),
        { } d when d.Contains("Protocol", StringComparison.Ordinal) => StoreFailure.Invalid("rules.protocol", "a protocol must be -1 (all) or 0..255"),
        _ => StoreFailure.Invalid("value", $"a value is out of range ({detail})"),
    };
}
